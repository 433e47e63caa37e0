using Microsoft.Playwright;
using MvcSample.Tests.Infrastructure;
using SmsOtp.AspNetCore;
using static Microsoft.Playwright.Assertions;

namespace MvcSample.Tests.Browser;

/// <summary>Issue #10's proof "a replaced code page": the sample with its code page swapped for the app's own component.</summary>
public sealed class ReplacedCodePageBrowserTests(ReplacedCodePageBrowserTests.Server server) : IClassFixture<ReplacedCodePageBrowserTests.Server>
{
    [Fact]
    public async Task The_apps_own_code_page_is_shown_with_the_model_and_its_form_signs_the_person_in()
    {
        const string phone = TestPhoneNumbers.BrowserReplacedCodePage;
        var page = await server.NewPageAsync();
        await page.GotoAsync("/profile");
        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();

        var own = page.GetByTestId("app-code-page");
        await Expect(own).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter the code we sent to +1******1229");
        await Expect(page.GetByTestId("attempts-left")).ToHaveTextAsync("3");
        var sms = await server.WaitForSmsAsync(phone);
        await page.GetByLabel("Your code", new() { Exact = true }).FillAsync(sms.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/profile").AbsoluteUri);
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    /// <summary>The sample with <see cref="AppCodePage"/> as its code page.</summary>
    public sealed class Server : SampleServerWithBrowser
    {
        protected override void ConfigureSample(IWebHostBuilder builder) => builder.ConfigureServices(services =>
            services.PostConfigure<MosaicSmsOtpOptions>(MosaicSmsOtpDefaults.AuthenticationScheme, o => o.Pages.CodePage = typeof(AppCodePage)));
    }
}
