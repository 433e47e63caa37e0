using Microsoft.Playwright;
using MvcSample.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MvcSample.Tests.Browser;

/// <summary>The SMS sign-in in a real browser against the sample on a real loopback port, as a person does it.</summary>
public sealed class SignInBrowserTests(SampleServerWithBrowser server, ITestOutputHelper output) : IClassFixture<SampleServerWithBrowser>
{
    [Fact]
    public async Task Person_opens_profile_types_number_reads_code_on_dev_sms_types_it_and_sees_profile()
    {
        const string phone = TestPhoneNumbers.BrowserSignIn;
        var page = await server.NewPageAsync();

        await page.GotoAsync("/profile");
        await Expect(page).ToHaveURLAsync(Url("/signin-sms"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in with your phone");
        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(phone);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "phone-page")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/signin-sms/verify"));
        var code = await ReadCodeOnDevSmsPageAsync(page.Context, phone);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "code-page")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
        await Expect(page.GetByTestId("user-id")).Not.ToHaveTextAsync("(none)");
        await Expect(page.GetByTestId("session-state")).ToContainTextAsync($"Signed in as {phone}");
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "profile-page")}");
    }

    [Fact]
    public async Task Wrong_code_shows_an_alert_next_to_the_field_which_stays_usable_for_the_right_code()
    {
        const string phone = TestPhoneNumbers.BrowserWrongCode;
        var page = await server.NewPageAsync();
        await page.GotoAsync("/profile");
        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        var sms = await server.WaitForSmsAsync(phone);

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(WrongCodes.For(sms.Code));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        var field = page.GetByLabel("Code", new() { Exact = true });
        var error = page.Locator("#passcode_error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(await error.TextContentAsync() ?? "");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveAttributeAsync("aria-describedby", "passcode_error passcode_attempts");
        output.WriteLine($"Screenshot: {await Screenshots.SaveAsync(page, "code-page-wrong-code")}");

        await field.FocusAsync();
        await Expect(field).ToBeFocusedAsync();
        await field.FillAsync(sms.Code);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Fact]
    public async Task Keyboard_alone_signs_in_from_profile_with_tab_typing_and_enter()
    {
        const string phone = TestPhoneNumbers.BrowserKeyboard;
        var page = await server.NewPageAsync();
        await page.GotoAsync("/profile");

        await TabUntilFocusedAsync(page, page.GetByLabel("Mobile number", new() { Exact = true }));
        await page.Keyboard.TypeAsync(phone);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Url("/signin-sms/verify"));
        var sms = await server.WaitForSmsAsync(phone);
        await TabUntilFocusedAsync(page, page.GetByLabel("Code", new() { Exact = true }));
        await page.Keyboard.TypeAsync(sms.Code);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Fact]
    public async Task Phone_and_code_inputs_are_labelled_and_ask_for_the_right_keyboard_and_autofill()
    {
        const string phone = TestPhoneNumbers.BrowserFieldAttributes;
        var page = await server.NewPageAsync();
        await page.GotoAsync("/signin-sms");

        var number = page.GetByLabel("Mobile number", new() { Exact = true });
        await Expect(number).ToHaveAttributeAsync("type", "tel");
        await Expect(number).ToHaveAttributeAsync("autocomplete", "tel");
        await Expect(number).ToHaveAttributeAsync("inputmode", "tel");
        await Expect(number).ToHaveAttributeAsync("name", "phone_number");

        await number.FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();

        var code = page.GetByLabel("Code", new() { Exact = true });
        await Expect(code).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(code).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(code).ToHaveAttributeAsync("name", "passcode");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Use a different number" })).ToBeVisibleAsync();
    }

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    /// <summary>What a developer does: opens <c>/dev/sms</c> in another tab and reads the code sent to the number.</summary>
    private async Task<string> ReadCodeOnDevSmsPageAsync(IBrowserContext context, string phone)
    {
        // The SMS is sent before the code page renders (the send is a POST answered with a redirect to it), so the
        // row is there when the tab opens; Playwright's auto-waiting covers rendering.
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/dev/sms");
        var row = tab.GetByRole(AriaRole.Row).Filter(new() { HasText = phone }).First;
        var code = (await row.Locator("code.otp").TextContentAsync())?.Trim();
        await tab.CloseAsync();
        Assert.False(string.IsNullOrEmpty(code), "The sent SMS page shows no code for the number.");
        return code!;
    }

    /// <summary>Presses Tab until <paramref name="target"/> has focus (it may already, by autofocus), as a keyboard user would.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        // A bound, so a missing or unreachable field fails the test instead of tabbing forever.
        for (var presses = 0; presses < 30 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
    }
}
