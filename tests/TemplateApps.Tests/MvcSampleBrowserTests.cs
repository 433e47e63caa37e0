extern alias MvcSample;

using Microsoft.Playwright;
using TemplateApps.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TemplateApps.Tests;

public sealed class MvcSampleServer : EmbeddedModeServer<MvcSample::Program>;

/// <summary>The MVC sample (the .NET 10 <c>mvc</c> template's shape), in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MvcSampleBrowserTests(Chromium chromium, MvcSampleServer server) : IClassFixture<MvcSampleServer>
{
    [Fact]
    public async Task Protected_page_signs_in_by_sms_and_back_then_sign_out_and_a_second_sign_in()
    {
        const string phone = "+16175552331";
        const string secondPhone = "+16175552336";
        var page = await chromium.NewPageAsync(server.BaseAddress);

        await page.GotoAsync("/profile");
        await SmsSignInPage.CompleteAsync(page, server, phone);
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/"));

        await page.GotoAsync("/profile");
        await SmsSignInPage.CompleteAsync(page, server, secondPhone);
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(secondPhone);
    }

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();
}
