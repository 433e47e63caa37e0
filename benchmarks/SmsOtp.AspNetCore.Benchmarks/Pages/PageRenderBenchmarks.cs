using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Benchmarks.Pages;

/// <summary>
/// What a built-in page costs to answer: today's Razor components through <c>HtmlRenderer</c> (localized text, branding,
/// CSP nonce, headers) against the hand-concatenated renderer they replaced (<see cref="LegacyPageRenderer"/>), each
/// writing the page to a response body. Each page is its own category, so each is a ratio to its own legacy baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class PageRenderBenchmarks
{
    private static readonly LegacyAntiforgeryField LegacyField = new("__RequestVerificationToken", new string('a', 155));

    private readonly MosaicSmsOtpOptions _options = new() { ClientId = "bench", ClientSecret = "bench-secret", BaseUrl = new Uri("https://mosaic.test/") };
    private ServiceProvider _services = null!;
    private SmsOtpPages _pages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLogging().AddLocalization()
            .AddSingleton<SmsOtp.AspNetCore.Localization.SmsOtpLocalization>()
            .AddSingleton<SmsOtpPageRenderer>()
            .AddSingleton<SmsOtpPages>()
            .BuildServiceProvider();
        _pages = _services.GetRequiredService<SmsOtpPages>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [BenchmarkCategory("code page")]
    [Benchmark(Baseline = true, Description = "code page: hand-concatenated (before 623a6c2)")]
    public async Task LegacyCodePage()
    {
        var context = NewContext();
        var html = LegacyPageRenderer.RenderCodePage(new LegacyCodePage("/signin-sms/verify", "/signin-sms/resend", "/signin-sms", LegacyField, "+1 •••• ••• 1212", "That code is not right. Check the SMS and try again.", null, false));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html));
    }

    [BenchmarkCategory("code page")]
    [Benchmark(Description = "code page: Razor components + HtmlRenderer")]
    public Task CodePage()
        => _pages.WriteCodePageAsync(NewContext(), _options, StatusCodes.Status400BadRequest, new SmsOtpCodePageModelParts(
            "/signin-sms/verify", "/signin-sms/resend", "/signin-sms", new SmsOtpAntiforgeryField(LegacyField.Name, LegacyField.Value),
            "+1 •••• ••• 1212", "That code is not right. Check the SMS and try again.", null, false, AttemptsLeft: 2));

    [BenchmarkCategory("phone page")]
    [Benchmark(Baseline = true, Description = "phone page: hand-concatenated (before 623a6c2)")]
    public async Task LegacyPhonePage()
    {
        var context = NewContext();
        var html = LegacyPageRenderer.RenderPhonePage(new LegacyPhonePage("/signin-sms", LegacyField, null, null, "/profile"));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html));
    }

    [BenchmarkCategory("phone page")]
    [Benchmark(Description = "phone page: Razor components + HtmlRenderer")]
    public Task PhonePage()
        => _pages.WritePhonePageAsync(NewContext(), _options, StatusCodes.Status200OK, "/signin-sms", new SmsOtpAntiforgeryField(LegacyField.Name, LegacyField.Value), null, null, null, "/profile");

    private DefaultHttpContext NewContext() => new() { RequestServices = _services, Response = { Body = Stream.Null } };
}
