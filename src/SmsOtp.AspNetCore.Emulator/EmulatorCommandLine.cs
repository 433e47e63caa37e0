using System.Globalization;

namespace SmsOtp.AspNetCore.Emulator;

/// <summary>
/// Turns the tool's command-line options (and <c>MOSAIC_EMULATOR_*</c> environment variables) into configuration keys
/// of the <c>Emulator</c> section, which binds onto <c>MosaicEmulatorOptions</c>; anything else passes through
/// (<c>--Emulator:Issuer=…</c>, <c>--urls</c>, <c>--Logging:…</c>).
/// </summary>
internal static class EmulatorCommandLine
{
    public const string Usage = """
        mosaic-emulator: Transmit Security Mosaic's SMS OTP login and OIDC endpoints, with an SMS inbox at /.

          --port <n>                     listen on http://127.0.0.1:<n> (default 5099; 0 picks a free port)
          --urls <urls>                  listen elsewhere (the emulator hands out codes: keep it on loopback)
          --client <id>:<secret>         a client (repeatable); default emulator-client-id:emulator-client-secret
          --redirect-uri <uri>           an allowed redirect URI of the last --client (repeatable; loopback is always allowed)
          --user <+E164>[=<user id>]     a user that exists before any sign-up (repeatable)
          --test-number <+E164>=<code>   a number that always gets this code (repeatable)
          --issuer <url>                 the iss of tokens (default https://userid.security)
          --code-length <4-8>            OTP length (default 6)
          --expires-in <seconds>         OTP lifetime (default 300)
          --max-failures <1-20>          wrong codes before lockout (default 3)
          --lockout <seconds>            lockout duration (default 900)
          --public-base-address <url>    the base the emulator advertises (behind a proxy or in a container)

        Environment: MOSAIC_EMULATOR_PORT, MOSAIC_EMULATOR_CLIENTS ("id:secret,id2:secret2"), MOSAIC_EMULATOR_USERS
        ("+1617…,+1555…=u2"), MOSAIC_EMULATOR_TEST_NUMBERS ("+1555…=123456"), MOSAIC_EMULATOR_ISSUER, and any
        MOSAIC_EMULATOR_Emulator__<Option> (e.g. MOSAIC_EMULATOR_Emulator__Otp__CodeLength=8).
        """;

    /// <summary>Configuration key/value pairs from the environment and then the command line (which wins).</summary>
    public static (Dictionary<string, string?> Settings, List<string> Remaining, bool Help) Parse(string[] args, Func<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var clients = new List<(string Id, string Secret, List<string> RedirectUris)>();
        var users = new List<string>();
        var testNumbers = new List<string>();

        Split(environment("MOSAIC_EMULATOR_CLIENTS")).ForEach(c => clients.Add(ParseClient(c)));
        users.AddRange(Split(environment("MOSAIC_EMULATOR_USERS")));
        testNumbers.AddRange(Split(environment("MOSAIC_EMULATOR_TEST_NUMBERS")));
        Set(settings, "Port", environment("MOSAIC_EMULATOR_PORT"));
        Set(settings, "Emulator:Issuer", environment("MOSAIC_EMULATOR_ISSUER"));

        var rest = new List<string>();
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--port":
                    settings["Port"] = Value();
                    break;
                case "--client":
                    clients.Add(ParseClient(Value()));
                    break;
                case "--redirect-uri":
                    var uri = Value();
                    if (clients.Count == 0)
                    {
                        throw new ArgumentException("--redirect-uri belongs to a --client: give --client first.");
                    }

                    clients[^1].RedirectUris.Add(uri);
                    break;
                case "--user":
                    users.Add(Value());
                    break;
                case "--test-number":
                    testNumbers.Add(Value());
                    break;
                case "--issuer":
                    settings["Emulator:Issuer"] = Value();
                    break;
                case "--code-length":
                    settings["Emulator:Otp:CodeLength"] = Value();
                    break;
                case "--expires-in":
                    settings["Emulator:Otp:ExpiresIn"] = Seconds(Value());
                    break;
                case "--max-failures":
                    settings["Emulator:Otp:MaxFailures"] = Value();
                    break;
                case "--lockout":
                    settings["Emulator:Otp:LockoutDuration"] = Seconds(Value());
                    break;
                case "--public-base-address":
                    settings["Emulator:PublicBaseAddress"] = Value();
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        for (var c = 0; c < clients.Count; c++)
        {
            settings[$"Emulator:Clients:{c}:ClientId"] = clients[c].Id;
            settings[$"Emulator:Clients:{c}:ClientSecret"] = clients[c].Secret;
            for (var r = 0; r < clients[c].RedirectUris.Count; r++)
            {
                settings[$"Emulator:Clients:{c}:AllowedRedirectUris:{r}"] = clients[c].RedirectUris[r];
            }
        }

        for (var u = 0; u < users.Count; u++)
        {
            var (phone, id) = SplitPair(users[u], '=');
            settings[$"Emulator:Users:{u}:PhoneNumber"] = phone;
            settings[$"Emulator:Users:{u}:UserId"] = id ?? "user-" + phone.TrimStart('+');
        }

        foreach (var number in testNumbers)
        {
            var (phone, code) = SplitPair(number, '=');
            settings["Emulator:TestPhoneNumbers:" + phone] = code ?? throw new ArgumentException("--test-number needs <+E164>=<code>, got " + number);
        }

        return (settings, rest, help);
    }

    private static (string Id, string Secret, List<string> RedirectUris) ParseClient(string value)
    {
        var (id, secret) = SplitPair(value, ':');
        return (id, secret ?? throw new ArgumentException("--client needs <id>:<secret>, got " + value), []);
    }

    private static (string Key, string? Value) SplitPair(string text, char separator)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? (text.Trim(), null) : (text[..index].Trim(), text[(index + 1)..].Trim());
    }

    private static List<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Seconds(string value) =>
        TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture);

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            settings[key] = value;
        }
    }
}
