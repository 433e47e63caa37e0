using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A stub in front of Mosaic's JWKS and token endpoint: publishes its own RSA key and re-signs the ID token of each code
/// exchange after a mutation of its claims (or header), so tests can mint tokens with any claims (checklist B.3).
/// </summary>
internal sealed class IdTokenStub : IDisposable
{
    public const string KeyId = "stub-key";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public IdTokenStub(MosaicWire wire)
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        wire.Rewrite = RewriteAsync;
    }

    /// <summary>Changes the ID token's claims; the default leaves them as Mosaic issued them.</summary>
    public Action<JsonObject> MutateClaims { get; set; } = _ => { };

    /// <summary>Replaces the whole ID token (for example with a JWE); receives the re-signed token.</summary>
    public Func<string, string>? ReplaceToken { get; set; }

    public void Dispose() => _rsa.Dispose();

    private async Task<HttpResponseMessage> RewriteAsync(string path, string requestBody, HttpResponseMessage response)
    {
        if (path.EndsWith("/jwks", StringComparison.Ordinal))
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
            var jwks = new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId, ["n"] = jwk.N, ["e"] = jwk.E }),
            };
            return Json(response, jwks.ToJsonString());
        }

        if (!requestBody.Contains("grant_type=authorization_code", StringComparison.Ordinal) || response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var original = body["id_token"]!.GetValue<string>();
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(original.Split('.')[1]))!.AsObject();
        MutateClaims(claims);
        var signed = new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), new SigningCredentials(_key, SecurityAlgorithms.RsaSha256));
        body["id_token"] = ReplaceToken?.Invoke(signed) ?? signed;
        return Json(response, body.ToJsonString());
    }

    /// <summary>
    /// The claims of <paramref name="signedToken"/> under another algorithm: <c>none</c> (no signature), <c>HS256</c>
    /// keyed with the published public key (the classic confusion attack), or <c>RS512</c> by the published key.
    /// </summary>
    public string SignWith(string signedToken, string algorithm)
    {
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(signedToken.Split('.')[1]));
        return algorithm switch
        {
            "none" => Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(payload) + ".",
            SecurityAlgorithms.HmacSha256 => new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(new SymmetricSecurityKey(_rsa.ExportSubjectPublicKeyInfo()) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256)),
            SecurityAlgorithms.RsaSha512 => new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(_key, SecurityAlgorithms.RsaSha512)),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "none, HS256 or RS512"),
        };
    }

    /// <summary>A JWE (RSA-OAEP, A256CBC-HS512) around the given claims, for a key the app does not hold.</summary>
    public static string EncryptForUnknownKey(string signedToken)
    {
        using var other = RSA.Create(2048);
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(signedToken.Split('.')[1]));
        var encrypting = new EncryptingCredentials(new RsaSecurityKey(other.ExportParameters(false)) { KeyId = "enc" }, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);
        return new JsonWebTokenHandler().EncryptToken(signedToken.Length > 0 ? signedToken : claims, encrypting);
    }

    private static HttpResponseMessage Json(HttpResponseMessage original, string json)
    {
        var replaced = new HttpResponseMessage(original.StatusCode) { Content = new StringContent(json, Encoding.UTF8), RequestMessage = original.RequestMessage };
        replaced.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        original.Dispose();
        return replaced;
    }
}
