extern alias RazorPagesApp;

using Microsoft.Playwright;
using TemplateApps.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TemplateApps.Tests;

public sealed class RazorPagesAppServer : ConfiguredServer<RazorPagesApp::Program>;

/// <summary>The Razor Pages app (the .NET 10 `webapp` template's shape) with the README's registration, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RazorPagesAppBrowserTests(Chromium chromium, RazorPagesAppServer server) : IClassFixture<RazorPagesAppServer>
{
    [Fact]
    public async Task Protected_page_signs_in_by_sms_and_back_then_sign_out_and_a_second_sign_in()
    {
        const string phone = "+16175552311";
        const string secondPhone = "+16175552316";
        var page = await chromium.NewPageAsync(server.BaseAddress);

        await page.GotoAsync("/Privacy");
        await SmsSignInPage.CompleteAsync(page, server, phone);
        await Expect(page).ToHaveURLAsync(Url("/Privacy"));
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {phone}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/"));

        await page.GotoAsync("/Privacy");
        await SmsSignInPage.CompleteAsync(page, server, secondPhone);
        await Expect(page).ToHaveURLAsync(Url("/Privacy"));
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {secondPhone}");
    }

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();
}
