using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MvcSample.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MvcSample.Tests.Browser;

/// <summary>
/// The built-in pages as the sample ships them (its name, its layout with the language picker, the system's colour
/// scheme): branded dark mode, French and Arabic sign-ins, axe-core on every page and state, focus and target sizes.
/// </summary>
public sealed class SignInPagesBrowserTests(SampleServerWithBrowser server, ITestOutputHelper output) : IClassFixture<SampleServerWithBrowser>
{
    private static readonly AxeRunOptions WcagRules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    };

    [Fact]
    public async Task Branded_sign_in_in_dark_mode_shows_the_apps_name_and_dark_colours_and_signs_in()
    {
        const string phone = TestPhoneNumbers.BrowserBrandedDark;
        var page = await NewPageAsync(ColorScheme.Dark);

        await page.GotoAsync("/profile");
        await Expect(page).ToHaveTitleAsync("Sign in with your phone · SMS sign-in sample");
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "SMS sign-in sample" })).ToHaveAttributeAsync("href", "/");
        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("rgb(230, 237, 243)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('main')).color"));
        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(phone);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "phone-page-dark")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();

        var sms = await server.WaitForSmsAsync(phone);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(sms.Code);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "code-page-dark")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Fact]
    public async Task Sign_in_in_French_chosen_with_the_language_picker_shows_French_pages_and_sends_a_French_SMS()
    {
        const string phone = TestPhoneNumbers.BrowserFrench;
        var page = await NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/profile");

        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connectez-vous avec votre téléphone");
        await page.GetByLabel("Numéro de mobile", new() { Exact = true }).FillAsync(phone);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "phone-page-fr")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saisissez votre code");
        var sms = await server.WaitForSmsAsync(phone);
        Assert.StartsWith(sms.Code + " est votre code de connexion ", sms.Text, StringComparison.Ordinal);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(sms.Code);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "code-page-fr")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Fact]
    public async Task Sign_in_in_Arabic_is_laid_out_right_to_left()
    {
        const string phone = TestPhoneNumbers.BrowserArabic;
        var page = await NewPageAsync(ColorScheme.Light, locale: "ar");
        await page.GotoAsync("/profile");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync("سجّل الدخول برقم هاتفك");
        // Right to left: the heading starts at the card's right edge, the label too.
        Assert.True(await StartsAtRightEdgeAsync(page, "h1"), "The heading is not aligned to the right of the card.");
        Assert.True(await StartsAtRightEdgeAsync(page, "label[for=phone_number]"), "The label is not aligned to the right of the card.");
        await page.GetByLabel("رقم الجوال", new() { Exact = true }).FillAsync(phone);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "phone-page-ar")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "أرسل الرمز" }).ClickAsync();

        await Expect(heading).ToHaveTextAsync("أدخل الرمز");
        var sms = await server.WaitForSmsAsync(phone);
        Assert.Contains("هو رمز تسجيل الدخول", sms.Text, StringComparison.Ordinal);
        await page.GetByLabel("الرمز", new() { Exact = true }).FillAsync(sms.Code);
        output.WriteLine($"Screenshot: {await Screenshots.SaveForDocsAsync(page, "code-page-ar")}");
        await page.GetByRole(AriaRole.Button, new() { Name = "تحقّق" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Theory]
    [InlineData(0, "en", ColorScheme.Light)]
    [InlineData(1, "en", ColorScheme.Dark)]
    [InlineData(2, "fr", ColorScheme.Light)]
    [InlineData(3, "fr", ColorScheme.Dark)]
    [InlineData(4, "ar", ColorScheme.Light)]
    [InlineData(5, "ar", ColorScheme.Dark)]
    public async Task Every_page_and_state_has_no_axe_violations(int run, string locale, ColorScheme scheme)
    {
        var phone = TestPhoneNumbers.BrowserAxe(run);
        var page = await NewPageAsync(scheme, locale);
        var send = page.Locator("main button[type=submit]");
        var states = new List<(string Name, AxeResult Result)>();

        await page.GotoAsync("/signin-sms");
        states.Add(("phone", await page.RunAxe(WcagRules)));
        await SaveForDocsAsync(page, "phone-page", locale, scheme);

        await page.Locator("#phone_number").FillAsync("12");
        await send.ClickAsync();
        await Expect(page.Locator("#phone_number_error")).ToBeVisibleAsync();
        states.Add(("phone with error", await page.RunAxe(WcagRules)));

        await page.Locator("#phone_number").FillAsync(phone);
        await page.Locator("main button[type=submit]").First.ClickAsync();
        await Expect(page.Locator("#passcode")).ToBeVisibleAsync();
        var sms = await server.WaitForSmsAsync(phone);
        states.Add(("code", await page.RunAxe(WcagRules)));
        await SaveForDocsAsync(page, "code-page", locale, scheme);

        await page.Locator("#passcode").FillAsync(sms.Code == "000000" ? "111111" : "000000");
        await page.Locator("#passcode").PressAsync("Enter");
        await Expect(page.Locator("#passcode_error")).ToBeVisibleAsync();
        states.Add(("code with error", await page.RunAxe(WcagRules)));

        // Inside the cooldown: a resend says when another code can be asked for.
        await page.Locator("form.secondary button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        states.Add(("resend in cooldown", await page.RunAxe(WcagRules)));

        // The same number in a second browser inside the cooldown: the code page of the code already sent.
        var second = await NewPageAsync(scheme, locale);
        await second.GotoAsync("/signin-sms");
        await second.Locator("#phone_number").FillAsync(phone);
        await second.Locator("main button[type=submit]").First.ClickAsync();
        await Expect(second.Locator("#passcode")).ToBeVisibleAsync();
        await Expect(second.Locator("p.notice")).ToBeVisibleAsync();
        states.Add(("code already sent", await second.RunAxe(WcagRules)));

        // The last wrong codes: the page says the number is locked.
        var wrong = sms.Code == "000000" ? "111111" : "000000";
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await second.Locator("#passcode").FillAsync(wrong);
            await second.Locator("#passcode").PressAsync("Enter");
            await Expect(second.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }

        await Expect(second.Locator("#passcode")).ToHaveCountAsync(0);
        states.Add(("locked", await second.RunAxe(WcagRules)));

        await page.GotoAsync("/signin-sms/resend");   // a GET where only POST is allowed: the message page
        states.Add(("message", await page.RunAxe(WcagRules)));
        output.WriteLine($"Screenshot: {await Screenshots.SaveAsync(page, $"message-page-{locale}-{scheme}")}");

        var problems = states.SelectMany(s => s.Result.Violations.Select(v => $"{s.Name}: {v.Id} ({v.Impact}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(states, s => Assert.NotEmpty(s.Result.Passes));
    }

    [Fact]
    public async Task After_a_wrong_code_Back_and_Forward_show_pages_not_ERR_CACHE_MISS_and_the_right_code_still_signs_in()
    {
        const string phone = TestPhoneNumbers.BrowserBackAfterWrongCode;
        var page = await NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/profile");
        await page.Locator("#phone_number").FillAsync(phone);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page.Locator("#passcode")).ToBeVisibleAsync();
        var sms = await server.WaitForSmsAsync(phone);

        await page.Locator("#passcode").FillAsync(sms.Code == "000000" ? "111111" : "000000");
        await page.Locator("#passcode").PressAsync("Enter");
        await Expect(page.Locator("#passcode_error")).ToBeVisibleAsync();
        await Expect(page.Locator("#passcode_attempts")).ToHaveTextAsync("Attempts left: 2.");
        Assert.Contains("/signin-sms/verify?m=", page.Url, StringComparison.Ordinal);

        // Away and Back again: the entry after the failed post is a GET, so the browser loads it (a POST's result
        // would be ERR_CACHE_MISS, and a Playwright navigation error here).
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a different number" }).ClickAsync();
        await Expect(page.Locator("#phone_number")).ToBeVisibleAsync();
        var back = await page.GoBackAsync();
        Assert.NotNull(back);
        await Expect(page.Locator("#passcode_error")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#passcode_error")).ToBeVisibleAsync();

        await page.Locator("#passcode").FillAsync(sms.Code);
        await page.Locator("#passcode").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Fact]
    public async Task A_resend_inside_the_cooldown_stays_on_the_code_page_and_a_second_browser_gets_the_code_already_sent()
    {
        const string phone = TestPhoneNumbers.BrowserSecondBrowser;
        var page = await NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/profile");
        await page.Locator("#phone_number").FillAsync(phone);
        await page.Locator("main button[type=submit]").ClickAsync();
        var sms = await server.WaitForSmsAsync(phone);

        await page.Locator("form.secondary button").ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("You can ask for another in");
        await Expect(page.Locator("#passcode")).ToBeVisibleAsync();

        var other = await NewPageAsync(ColorScheme.Light);
        await other.GotoAsync("/profile");
        await other.Locator("#phone_number").FillAsync(phone);
        await other.Locator("main button[type=submit]").ClickAsync();
        await Expect(other.Locator("p.notice")).ToContainTextAsync("We already sent a code to this number.");
        await other.Locator("#passcode").FillAsync(sms.Code);
        await other.Locator("#passcode").PressAsync("Enter");

        await Expect(other).ToHaveURLAsync(Url("/profile"));
        await Expect(other.GetByTestId("phone-number")).ToHaveTextAsync(phone);
        Assert.Single(server.Outbox.GetMessages(phone));
    }

    [Fact]
    public async Task A_double_click_on_Verify_with_the_right_code_signs_in_once_without_an_error()
    {
        const string phone = TestPhoneNumbers.BrowserDoubleSubmit;
        var page = await NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/profile");
        await page.Locator("#phone_number").FillAsync(phone);
        await page.Locator("main button[type=submit]").ClickAsync();
        var sms = await server.WaitForSmsAsync(phone);
        await page.Locator("#passcode").FillAsync(sms.Code);

        await page.Locator("main form:not(.secondary) button").DblClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Focus_ring_has_3_to_1_contrast_and_every_target_is_at_least_44_px_tall(ColorScheme scheme)
    {
        var page = await NewPageAsync(scheme);
        await page.GotoAsync("/signin-sms");
        await page.Locator("#phone_number").FillAsync(scheme == ColorScheme.Light ? TestPhoneNumbers.BrowserTargets : TestPhoneNumbers.BrowserTargetsDark);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page.Locator("#passcode")).ToBeVisibleAsync();

        foreach (var selector in new[] { "#passcode", "main form:not(.secondary) button", "form.secondary button", "main a.link" })
        {
            var target = page.Locator(selector);
            await target.FocusAsync();
            var box = await target.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44, Width: >= 24 }, $"{selector} is {box?.Width}×{box?.Height} CSS px.");
            var contrast = await target.EvaluateAsync<double>(ContrastOfFocusRingScript);
            Assert.True(contrast >= 3, $"{selector}: focus ring contrast {contrast:0.00}:1 in {scheme}.");
        }
    }

    /// <summary>The contrast of the focused element's outline colour against the card behind it (WCAG relative luminance).</summary>
    private const string ContrastOfFocusRingScript = """
        e => {
          const rgb = c => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
          const style = getComputedStyle(e);
          if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 0;
          const ring = lum(rgb(style.outlineColor)), card = lum(rgb(getComputedStyle(document.querySelector('main')).backgroundColor));
          return (Math.max(ring, card) + 0.05) / (Math.min(ring, card) + 0.05);
        }
        """;

    /// <summary>The fr and ar pages in both schemes go to docs/images (with UPDATE_DOCS_SCREENSHOTS=1).</summary>
    private async Task SaveForDocsAsync(IPage page, string name, string locale, ColorScheme scheme)
    {
        var file = $"{name}-{locale}-{(scheme == ColorScheme.Dark ? "dark" : "light")}";
        output.WriteLine($"Screenshot: {(locale == "en" ? await Screenshots.SaveAsync(page, file) : await Screenshots.SaveForDocsAsync(page, file))}");
    }

    private async Task<IPage> NewPageAsync(ColorScheme scheme, string locale = "en-US")
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = scheme,
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    private static Task<bool> StartsAtRightEdgeAsync(IPage page, string selector)
        => page.EvaluateAsync<bool>($$"""
            () => {
              const main = document.querySelector('main').getBoundingClientRect();
              const range = document.createRange(); range.selectNodeContents(document.querySelector('{{selector}}'));
              const text = range.getBoundingClientRect();
              const padding = parseFloat(getComputedStyle(document.querySelector('main')).paddingRight);
              return Math.abs(main.right - padding - text.right) < 2 && text.left > main.left + padding + 20;
            }
            """);

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();
}
