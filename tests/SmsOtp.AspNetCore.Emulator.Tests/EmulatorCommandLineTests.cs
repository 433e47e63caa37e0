
namespace SmsOtp.AspNetCore.Emulator.Tests;

public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Options_become_emulator_settings_and_the_rest_passes_through()
    {
        var (settings, rest, help) = EmulatorCommandLine.Parse(
            ["--port", "0", "--client", "web:s3cret", "--redirect-uri", "https://app.test/signin-sms/callback", "--user", "+16175551212=u-1",
             "--test-number", "+15555550100=123456", "--code-length", "8", "--expires-in", "60", "--lockout", "30", "--Logging:LogLevel:Default=Warning"],
            _ => null);

        Assert.False(help);
        Assert.Equal("0", settings["Port"]);
        Assert.Equal("web", settings["Emulator:Clients:0:ClientId"]);
        Assert.Equal("s3cret", settings["Emulator:Clients:0:ClientSecret"]);
        Assert.Equal("https://app.test/signin-sms/callback", settings["Emulator:Clients:0:AllowedRedirectUris:0"]);
        Assert.Equal(("+16175551212", "u-1"), (settings["Emulator:Users:0:PhoneNumber"], settings["Emulator:Users:0:UserId"]));
        Assert.Equal("123456", settings["Emulator:TestPhoneNumbers:+15555550100"]);
        Assert.Equal("8", settings["Emulator:Otp:CodeLength"]);
        Assert.Equal("00:01:00", settings["Emulator:Otp:ExpiresIn"]);
        Assert.Equal("00:00:30", settings["Emulator:Otp:LockoutDuration"]);
        Assert.Equal(["--Logging:LogLevel:Default=Warning"], rest);
    }

    [Fact]
    public void Environment_lists_configure_clients_users_and_test_numbers()
    {
        var environment = new Dictionary<string, string>
        {
            ["MOSAIC_EMULATOR_CLIENTS"] = "a:1, b:2",
            ["MOSAIC_EMULATOR_USERS"] = "+16175551212",
            ["MOSAIC_EMULATOR_TEST_NUMBERS"] = "+15555550100=654321",
            ["MOSAIC_EMULATOR_PORT"] = "5100",
        };

        var (settings, _, _) = EmulatorCommandLine.Parse(["--port", "5200"], name => environment.GetValueOrDefault(name));

        Assert.Equal("b", settings["Emulator:Clients:1:ClientId"]);
        Assert.Equal("user-16175551212", settings["Emulator:Users:0:UserId"]);
        Assert.Equal("654321", settings["Emulator:TestPhoneNumbers:+15555550100"]);
        Assert.Equal("5200", settings["Port"]);
    }

    [Theory]
    [InlineData("--client", "no-secret")]
    [InlineData("--redirect-uri", "https://x/cb")]
    [InlineData("--test-number", "+15555550100")]
    public void Malformed_options_are_refused_with_what_to_write(string option, string value)
    {
        var failure = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse([option, value], _ => null));

        Assert.Contains(option, failure.Message, StringComparison.Ordinal);
    }
}
