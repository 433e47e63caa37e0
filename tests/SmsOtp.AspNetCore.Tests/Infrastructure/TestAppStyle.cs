namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>The kinds of app the handler must serve, each with its own protected page.</summary>
public enum TestAppStyle
{
    /// <summary>Minimal APIs: <c>/secure</c>.</summary>
    MinimalApi,

    /// <summary>An MVC controller: <c>/mvc/secure</c>.</summary>
    Mvc,

    /// <summary>A Razor page: <c>/razor/secure</c>.</summary>
    RazorPages,
}
