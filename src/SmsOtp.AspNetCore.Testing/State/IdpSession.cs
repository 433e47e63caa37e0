namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>The emulator's SSO session, referenced by the <c>idp_session</c> cookie.</summary>
internal sealed record IdpSession(string UserId, string PhoneNumber, DateTimeOffset AuthTime);
