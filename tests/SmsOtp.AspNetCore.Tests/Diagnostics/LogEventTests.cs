using System.Reflection;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Tests.Diagnostics;

/// <summary>The handler's log events: ids apart from the platform's, unique, documented; Mosaic's words redacted.</summary>
public sealed class LogEventTests
{
    private static readonly LoggerMessageAttribute[] Events = typeof(MosaicSmsOtpLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()).OfType<LoggerMessageAttribute>().ToArray();

    [Fact]
    public void Every_event_id_is_unique_and_above_the_platform_s_authentication_ids()
    {
        Assert.NotEmpty(Events);
        Assert.All(Events, e => Assert.InRange(e.EventId, 1000, 1999));
        Assert.Equal(Events.Length, Events.Select(e => e.EventId).Distinct().Count());
        Assert.DoesNotContain(Events, e => e.Message.Contains("request request", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_event_id_is_in_docs_diagnostics()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));

        Assert.All(Events, e => Assert.Contains($"| {e.EventId} |", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void What_Mosaic_said_is_logged_with_numbers_and_codes_redacted()
    {
        var error = MosaicApiError.Parse(System.Net.HttpStatusCode.BadRequest, """{"message":["phone_number +1 (617) 555-1212 is not valid","code 123456 expired"],"error_code":"system_invalid_input"}"""u8);

        var logged = error.ToRedactedString();

        Assert.Equal("400 system_invalid_input: \"phone_number *** is not valid; code *** expired\"", logged);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsOtp.AspNetCore.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (SmsOtp.AspNetCore.sln) was not found above " + AppContext.BaseDirectory);
    }
}
