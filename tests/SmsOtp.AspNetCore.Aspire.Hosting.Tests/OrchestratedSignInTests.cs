using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace SmsOtp.AspNetCore.Aspire.Hosting.Tests;

/// <summary>
/// The sample AppHost (samples/AspireSample) as a user runs it: the orchestrator starts the emulator (the app shipped
/// in the hosting package, with <c>dotnet</c>) and the web app, the emulator turns healthy on <c>/healthz</c>, and a
/// phone number signs in to the web app through it with only the settings <c>WithReference</c> gave the app.
/// </summary>
public sealed partial class OrchestratedSignInTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_AppHost_runs_the_emulator_and_the_web_app_signs_in_through_it()
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var token = cancellation.Token;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AspireSample_AppHost>(token);
        await using var app = await appHost.BuildAsync(token);
        await app.StartAsync(token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("mosaic", token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", token);
        var web = app.GetEndpoint("web", "http");
        var mosaic = app.GetEndpoint("mosaic", "http");
        using var browser = new LoopbackBrowser();

        var phonePage = await browser.GetAsync(new Uri(web, "/account"), token);
        var phoneForm = Form(phonePage, "phone_number");
        phoneForm.Fields["phone_number"] = "+16175550100";
        var codePage = await browser.PostAsync(phoneForm.Action, phoneForm.Fields, token);
        var outbox = await browser.Http.GetFromJsonAsync<JsonElement>(new Uri(mosaic, "/emulator/outbox?phone=%2B16175550100"), token);
        var codeForm = Form(codePage, "passcode");
        codeForm.Fields["passcode"] = outbox[0].GetProperty("code").GetString()!;
        var account = await browser.PostAsync(codeForm.Action, codeForm.Fields, token);

        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(new Uri(web, "/account"), account.Url);
        Assert.Equal("signed in as +16175550100", account.Body);
    }

    private static (Uri Action, Dictionary<string, string> Fields) Form(LoopbackBrowser.Page page, string field)
    {
        foreach (Match form in FormElement().Matches(page.Body))
        {
            var inputs = InputElement().Matches(form.Groups["body"].Value)
                .Select(input => (Name: Attribute(input.Value, "name"), Value: Attribute(input.Value, "value") ?? ""))
                .Where(input => input.Name is not null)
                .ToDictionary(input => input.Name!, input => input.Value, StringComparer.Ordinal);
            if (inputs.ContainsKey(field))
            {
                var action = Attribute(form.Value, "action");
                return (string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action), inputs);
            }
        }

        throw new InvalidOperationException($"No form with a {field} field at {page.Url} ({(int)page.Status}):\n{page.Body}");
    }

    private static string? Attribute(string element, string name)
    {
        var match = Regex.Match(element, "\\s" + name + "=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    [GeneratedRegex("<form\\b[^>]*>(?<body>.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputElement();
}
