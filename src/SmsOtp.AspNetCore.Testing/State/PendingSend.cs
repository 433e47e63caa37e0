using System.Text.Json;

namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>What the send request asked for, kept until the code is validated.</summary>
internal sealed record PendingSend(string RedirectUri, bool CreateNewUser, IReadOnlySet<string> RequestedClaims, JsonElement? ApprovalData);
