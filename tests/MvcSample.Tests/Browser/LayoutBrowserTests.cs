using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MvcSample.Tests.Browser;

public sealed class LayoutBrowserTests(SampleServerWithBrowser server, ITestOutputHelper output) : IClassFixture<SampleServerWithBrowser>
{
    [Fact]
    public async Task Home_page_has_landmarks_heading_and_emulator_banner_for_assistive_technology()
    {
        var page = await server.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        await Expect(page).ToHaveTitleAsync("Home · SMS sign-in sample");
        await Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Emulator mode" })).ToContainTextAsync("sends no real SMS");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in with a one-time passcode by SMS");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with SMS" }).First).ToHaveAttributeAsync("href", "/signin-sms");

        var screenshot = await Screenshots.SaveAsync(page, "home");
        output.WriteLine($"Screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 0, "The screenshot file is empty.");
    }

    [Fact]
    public async Task First_tab_stop_is_the_skip_link_and_it_moves_focus_to_main()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Sent_sms_page_is_reachable_from_the_banner_and_says_none_were_sent()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Complementary, new() { Name = "Emulator mode" })
            .GetByRole(AriaRole.Link, new() { Name = "sent SMS page" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/dev/sms").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sent SMS");
        await Expect(page.GetByTestId("no-sms")).ToContainTextAsync("No SMS sent yet");

        output.WriteLine($"Screenshot: {await Screenshots.SaveAsync(page, "dev-sms-empty")}");
    }
}
