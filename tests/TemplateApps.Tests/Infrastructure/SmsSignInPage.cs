using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TemplateApps.Tests.Infrastructure;

/// <summary>What a person does on the handler's own pages: types the number, reads the code (from the outbox), types it.</summary>
internal static class SmsSignInPage
{
    public static async Task CompleteAsync<T>(IPage page, AppServer<T> server, string phoneNumber)
        where T : class
    {
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/signin-sms").ToString());
        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(phoneNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/signin-sms/verify").ToString());
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await server.WaitForCodeAsync(phoneNumber));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }
}
