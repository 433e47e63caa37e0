using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-25 to B-27: the ID token is validated per OpenID Connect Core §3.1.3.7 before any session exists.</summary>
public sealed class IdTokenTests
{
    // IdentityModel reports a token outside ValidAlgorithms as a signature failure (IDX10511); the reason must still name
    // the algorithm, and the BadSignature case below shows an RS256 token with a broken signature is not told so.
    private const string NotRs256 = "its signing algorithm is not allowed, only RS256 is";

    // Each case names the check that must refuse it (a pattern of the logged reason): a token refused for another reason
    // (the nonce of a token whose signature is never checked, say) would leave the check this case is about untested.
    [Theory]
    [InlineData(MosaicEmulatorIdTokenFault.WrongIssuer, "its issuer is not Mosaic's")]
    [InlineData(MosaicEmulatorIdTokenFault.WrongAudience, "its audience is not this client")]
    [InlineData(MosaicEmulatorIdTokenFault.Expired, "it has expired")]
    [InlineData(MosaicEmulatorIdTokenFault.AlgNone, NotRs256)]
    [InlineData(MosaicEmulatorIdTokenFault.Hs256WithPublicKey, NotRs256)]
    [InlineData(MosaicEmulatorIdTokenFault.BadSignature, "its signature is invalid")]
    [InlineData(MosaicEmulatorIdTokenFault.UnknownKey, "it is signed by a key Mosaic does not publish")]
    [InlineData(MosaicEmulatorIdTokenFault.WrongNonce, "its nonce does not match")]     // also checklist B-5: a stale or foreign nonce
    [InlineData(MosaicEmulatorIdTokenFault.MissingNonce, "its nonce does not match")]   // also checklist B-5: no nonce at all
    public async Task B25_A_forged_or_altered_ID_token_from_Mosaic_is_refused_with_one_security_event(MosaicEmulatorIdTokenFault fault, string reason)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.IdToken = fault;
        var browser = app.CreateBrowser();

        using var landed = await browser.GetAsync((await browser.GetCallbackUrlAsync(app)).AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        var refused = Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused);
        Assert.Matches(reason, refused.Message);
        Assert.DoesNotContain("eyJ", refused.Message, StringComparison.Ordinal);
        using var whoami = await browser.GetAsync("/whoami");
        Assert.Equal("[]", await whoami.Content.ReadAsStringAsync());
    }

    /// <summary>Each mutation, and the check that must be the one to refuse it.</summary>
    public static TheoryData<string, string> ClaimMutations => new()
    {
        { "no-sub", "it has no subject (sub)" },
        { "extra-untrusted-aud", "it names an audience other than this client" },
        { "aud-is-another-client", "its audience is not this client" },
        { "iat-a-day-old", "its issue time (iat)" },
        { "iat-in-the-future", "its issue time (iat)" },
        { "exp-two-minutes-ago", "it has expired" },
        { "nbf-in-the-future", "it has expired or is not valid yet" },
        { "another-phone-number", "its phone number is not the one this flow sent the code to" },
        { "no-exp", "it has expired or is not valid yet" },
    };

    [Theory]
    [MemberData(nameof(ClaimMutations))]
    public async Task B25_An_ID_token_with_bad_claims_signed_by_a_published_key_is_refused(string mutation, string reason)
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        using var stub = new IdTokenStub(wire) { MutateClaims = claims => Mutate(claims, mutation) };
        var browser = app.CreateBrowser();

        using var landed = await browser.GetAsync((await browser.GetCallbackUrlAsync(app)).AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        var refused = Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B25_Control_the_stub_re_signed_token_with_unchanged_claims_signs_in()
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        using var stub = new IdTokenStub(wire);
        var browser = app.CreateBrowser();

        using var landed = await browser.GetAsync((await browser.GetCallbackUrlAsync(app)).AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.NotNull(landed.SetCookie(SecurityTestKit.AuthCookieName));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS512")]
    public async Task B25_An_ID_token_not_signed_with_RS256_is_refused(string algorithm)
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        using var stub = new IdTokenStub(wire);
        var replaced = 0;
        stub.ReplaceToken = signed =>
        {
            replaced++;
            return stub.SignWith(signed, algorithm);
        };
        var browser = app.CreateBrowser();

        using var landed = await browser.GetAsync((await browser.GetCallbackUrlAsync(app)).AbsoluteUri, followRedirects: false);

        Assert.Equal(1, replaced);   // the handler was given the re-signed token, not Mosaic's
        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        // The RS512 token is signed by the published key: only the algorithm allow-list can refuse it.
        var refused = Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused);
        Assert.Matches(NotRs256, refused.Message);
    }

    [Theory]
    [InlineData(5 * 60, true)]
    [InlineData(5 * 60 + 1, false)]
    public async Task B25_A_configured_clock_skew_over_five_minutes_stops_the_app_at_start_up(int skewSeconds, bool starts)
    {
        var start = SmsOtpTestApp.StartAsync(handler: o => o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(skewSeconds));

        if (starts)
        {
            await using var app = await start;
            var options = app.App.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
            Assert.Equal(TimeSpan.FromMinutes(5), options.TokenValidationParameters.ClockSkew);
        }
        else
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => start);
            Assert.Contains(error.Failures, f => f.StartsWith("MosaicSmsOtpOptions.TokenValidationParameters.ClockSkew must be between zero and 5 minutes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task B26_After_Mosaic_rotates_its_key_one_JWKS_refresh_lets_the_sign_in_succeed()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using (var first = await app.CreateBrowser().SignInAsync(app))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var fetched = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks);
        app.Emulator.Keys.Rotate();
        using var second = await app.CreateBrowser().SignInAsync(app, phoneNumber: "+16175550177");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(fetched + 1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));
    }

    [Fact]
    public async Task B26_Many_tokens_with_unknown_keys_cause_at_most_one_JWKS_refresh_per_interval()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using (var first = await app.CreateBrowser().SignInAsync(app))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var fetched = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks);
        app.Emulator.Faults.IdToken = MosaicEmulatorIdTokenFault.UnknownKey;
        for (var i = 0; i < 6; i++)
        {
            var browser = app.CreateBrowser();
            using var refused = await browser.GetAsync((await browser.GetCallbackUrlAsync(app, "+1617555" + (5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).AbsoluteUri, followRedirects: false);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.InRange(app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks), fetched, fetched + 1);

        // After the refresh interval (5 minutes, on the app's clock) one more refresh is allowed, and only one.
        var before = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 2; i++)
        {
            var browser = app.CreateBrowser();
            using var refused = await browser.GetAsync((await browser.GetCallbackUrlAsync(app, "+1617555" + (5100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).AbsoluteUri, followRedirects: false);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(before + 1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));
    }

    [Fact]
    public async Task B27_An_encrypted_ID_token_the_app_cannot_decrypt_is_refused()
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        using var stub = new IdTokenStub(wire) { ReplaceToken = IdTokenStub.EncryptForUnknownKey };
        var browser = app.CreateBrowser();

        using var landed = await browser.GetAsync((await browser.GetCallbackUrlAsync(app)).AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused);
    }

    private static void Mutate(JsonObject claims, string mutation)
    {
        var iat = claims["iat"]!.GetValue<long>();
        switch (mutation)
        {
            case "no-sub":
                claims.Remove("sub");
                break;
            case "extra-untrusted-aud":
                claims["aud"] = new JsonArray(SmsOtpTestApp.ClientId, "https://untrusted.example");
                claims["azp"] = SmsOtpTestApp.ClientId;
                break;
            case "aud-is-another-client":
                claims["aud"] = "another-client";
                break;
            case "iat-a-day-old":
                claims["iat"] = iat - 86400;
                claims["auth_time"] = iat - 86400;
                break;
            case "iat-in-the-future":
                claims["iat"] = iat + 3600;
                break;
            case "exp-two-minutes-ago":
                claims["exp"] = iat - 120;
                claims["iat"] = iat - 600;
                break;
            case "nbf-in-the-future":
                claims["nbf"] = iat + 3600;
                break;
            case "another-phone-number":
                claims["phone_number"] = "+16175550000";
                break;
            case "no-exp":
                claims.Remove("exp");
                break;
        }
    }
}
