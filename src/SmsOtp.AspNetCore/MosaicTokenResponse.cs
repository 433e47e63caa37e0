namespace SmsOtp.AspNetCore;

/// <summary>
/// Mosaic's answer to an authorization-code exchange at its token endpoint.
/// </summary>
public sealed class MosaicTokenResponse
{
    /// <summary>Creates a token response.</summary>
    /// <param name="idToken">The ID token (a JWT).</param>
    /// <param name="accessToken">The user access token (a JWT).</param>
    /// <param name="refreshToken">The opaque, rotating refresh token, if any.</param>
    /// <param name="tokenType">The token type, normally <c>Bearer</c>.</param>
    /// <param name="expiresIn">The access token's lifetime.</param>
    /// <param name="scope">The granted scope.</param>
    public MosaicTokenResponse(string idToken, string? accessToken, string? refreshToken, string? tokenType, TimeSpan? expiresIn, string? scope)
    {
        IdToken = idToken;
        AccessToken = accessToken;
        RefreshToken = refreshToken;
        TokenType = tokenType;
        ExpiresIn = expiresIn;
        Scope = scope;
    }

    /// <summary>The ID token (a JWT).</summary>
    public string IdToken { get; }

    /// <summary>The user access token (a JWT).</summary>
    public string? AccessToken { get; }

    /// <summary>The opaque, rotating refresh token, if any.</summary>
    public string? RefreshToken { get; }

    /// <summary>The token type, normally <c>Bearer</c>.</summary>
    public string? TokenType { get; }

    /// <summary>The access token's lifetime.</summary>
    public TimeSpan? ExpiresIn { get; }

    /// <summary>The granted scope.</summary>
    public string? Scope { get; }

    /// <summary>Hides the tokens: this object may end up in a log or a debugger display.</summary>
    /// <returns>A description without token values.</returns>
    public override string ToString() => $"MosaicTokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn}, Scope = {Scope}, RefreshToken = {(RefreshToken is null ? "none" : "present")} }}";
}
