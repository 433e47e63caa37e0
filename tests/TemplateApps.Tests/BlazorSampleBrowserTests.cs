extern alias BlazorSample;

using Microsoft.Playwright;
using TemplateApps.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TemplateApps.Tests;

public sealed class BlazorSampleServer : EmbeddedModeServer<BlazorSample::Program>;

/// <summary>
/// The Blazor Web App sample (the .NET 10 template's shape) in Chromium: Blazor's enhanced navigation fetches pages
/// with <c>fetch</c>, so these prove the challenge still ends on the phone page and back, signed in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BlazorSampleBrowserTests(Chromium chromium, BlazorSampleServer server) : IClassFixture<BlazorSampleServer>
{
    [Fact]
    public async Task Weather_nav_link_signs_in_by_sms_and_back_then_sign_out_and_a_second_sign_in_from_the_sign_in_link()
    {
        const string phone = "+16175552301";
        const string secondPhone = "+16175552306";
        var page = await chromium.NewPageAsync(server.BaseAddress);
        var fellBack = RecordEnhancedNavigationFallbacks(page);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("session-state")).ToContainTextAsync("Not signed in");

        // An enhanced navigation (the template's NavLink), not a page load.
        await NavLink(page, "Weather").ClickAsync();
        await SmsSignInPage.CompleteAsync(page, server, phone);

        await Expect(page).ToHaveURLAsync(Url("/weather"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Weather");
        await Expect(page.Locator("table.table tbody tr")).ToHaveCountAsync(5);

        // The profile page is interactive (a circuit) and reads the user from the cascading authentication state.
        await page.GetByRole(AriaRole.Link, new() { Name = phone }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("render-mode")).ToHaveTextAsync("Server");
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/"));
        await Expect(page.GetByTestId("session-state")).ToContainTextAsync("Not signed in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await SmsSignInPage.CompleteAsync(page, server, secondPhone);
        await Expect(page).ToHaveURLAsync(Url("/"));
        await Expect(page.GetByTestId("session-state")).ToHaveTextAsync($"Signed in as {secondPhone}.");

        Assert.Empty(fellBack);
    }

    [Fact]
    public async Task WebAssembly_profile_nav_link_signs_in_by_sms_and_back_where_the_page_runs_on_webassembly_with_the_users_claims()
    {
        const string phone = "+16175552303";
        var page = await chromium.NewPageAsync(server.BaseAddress);
        var fellBack = RecordEnhancedNavigationFallbacks(page);
        await page.GotoAsync("/");

        await NavLink(page, "Profile (WebAssembly)").ClickAsync();
        await SmsSignInPage.CompleteAsync(page, server, phone);

        await Expect(page).ToHaveURLAsync(Url("/profile/webassembly"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Profile (WebAssembly)");
        // In the browser: the claims came from the state the server serialized (AddAuthenticationStateSerialization).
        await Expect(page.GetByTestId("render-mode")).ToHaveTextAsync("WebAssembly");
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        // The auth cookie is the session for scripts too: a fetch for JSON, signed in, gets the user.
        var me = await page.EvaluateAsync<string>("() => fetch('api/me').then(async r => r.status + ' ' + r.headers.get('content-type') + ' ' + (await r.json()).phoneNumber)");
        Assert.Equal($"200 application/json; charset=utf-8 {phone}", me);

        Assert.Empty(fellBack);
    }

    [Fact]
    public async Task Auto_profile_nav_link_signs_in_by_sms_and_back_then_enhanced_navigation_between_render_modes_stays_signed_in()
    {
        const string phone = "+16175552304";
        var page = await chromium.NewPageAsync(server.BaseAddress);
        var fellBack = RecordEnhancedNavigationFallbacks(page);
        await page.GotoAsync("/");

        await NavLink(page, "Profile (Auto)").ClickAsync();
        await SmsSignInPage.CompleteAsync(page, server, phone);

        await Expect(page).ToHaveURLAsync(Url("/profile/auto"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Profile (Auto)");
        // Auto: a circuit while the WebAssembly runtime downloads, the browser once it has.
        await Expect(page.GetByTestId("render-mode")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Server|WebAssembly)$"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        // Signed in, the other render modes' pages open by enhanced navigation with no further sign-in.
        await NavLink(page, "Profile (WebAssembly)").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/profile/webassembly"));
        await Expect(page.GetByTestId("render-mode")).ToHaveTextAsync("WebAssembly");
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);
        await NavLink(page, phone).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("render-mode")).ToHaveTextAsync("Server");
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        // Sign-out from an interactive page: the layout's form posts, and the protected page asks for a sign-in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/"));
        await NavLink(page, "Profile (Auto)").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/signin-sms"));

        Assert.Empty(fellBack);
    }

    [Fact]
    public async Task Enhanced_form_post_and_programmatic_navigation_to_an_interactive_page_both_reach_the_phone_page_and_return()
    {
        const string postPhone = "+16175552305";
        const string phone = "+16175552302";
        var page = await chromium.NewPageAsync(server.BaseAddress);
        var fellBack = RecordEnhancedNavigationFallbacks(page);
        await page.GotoAsync("/");

        // An enhanced form (data-enhance) posting to a protected page: Blazor sends it with fetch.
        await page.EvaluateAsync("""
            () => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = 'weather';
                form.setAttribute('data-enhance', '');
                form.innerHTML = '<button type="submit">Post to weather</button>';
                document.querySelector('article').appendChild(form);
            }
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post to weather" }).ClickAsync();
        await SmsSignInPage.CompleteAsync(page, server, postPhone);
        await Expect(page).ToHaveURLAsync(Url("/weather"));
        await Expect(page.Locator("table.table tbody tr")).ToHaveCountAsync(5);

        // A new browser, signed out.
        page = await chromium.NewPageAsync(server.BaseAddress);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Enhanced navigation", StringComparison.Ordinal))
            {
                fellBack.Add(message.Text);
            }
        };

        // Signed out still: the interactive (InteractiveServer) profile page through Blazor's own navigation API.
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => Blazor.navigateTo('/profile')");
        await SmsSignInPage.CompleteAsync(page, server, phone);
        await Expect(page).ToHaveURLAsync(Url("/profile"));
        await Expect(page.GetByTestId("phone-number")).ToHaveTextAsync(phone);

        Assert.Empty(fellBack);
    }

    [Fact]
    public async Task Scripts_that_ask_for_json_and_xhr_keep_their_401_and_the_page_stays()
    {
        var page = await chromium.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/");

        var fetchStatus = await page.EvaluateAsync<int>("() => fetch('weather', { headers: { accept: 'application/json' } }).then(r => r.status)");
        var xhrStatus = await page.EvaluateAsync<int>("""
            () => new Promise(resolve => {
                const xhr = new XMLHttpRequest();
                xhr.open('GET', 'weather');
                xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
                xhr.onload = () => resolve(xhr.status);
                xhr.send();
            })
            """);

        // The app's own JSON API, fetched as a WebAssembly component or any script would.
        var apiStatus = await page.EvaluateAsync<int>("() => fetch('api/me').then(r => r.status)");

        Assert.Equal(401, fetchStatus);
        Assert.Equal(401, xhrStatus);
        Assert.Equal(401, apiStatus);
        await Expect(page).ToHaveURLAsync(Url("/"));
    }

    private static ILocator NavLink(IPage page, string name)
        => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    /// <summary>Blazor's console messages about enhanced navigation (a fallback to a full page load, a refused form post) and script errors.</summary>
    private static List<string> RecordEnhancedNavigationFallbacks(IPage page)
    {
        var warnings = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Enhanced navigation", StringComparison.Ordinal))
            {
                warnings.Add(message.Text);
            }
        };
        page.PageError += (_, error) => warnings.Add(error);
        return warnings;
    }
}
