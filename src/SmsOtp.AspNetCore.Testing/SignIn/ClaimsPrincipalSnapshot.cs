using System.Security.Claims;

namespace SmsOtp.AspNetCore.Testing.SignIn;

/// <summary>The principal an app signed in for one browser, if the app's events reported it.</summary>
internal readonly record struct ClaimsPrincipalSnapshot(ClaimsPrincipal? Principal);
