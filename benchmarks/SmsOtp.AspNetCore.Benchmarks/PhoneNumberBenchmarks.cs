using BenchmarkDotNet.Attributes;
using PhoneNumbers;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// Normalising a typed number to E.164, against libphonenumber's own parse and format of the same input. The normalizer
/// adds its input screening, validity, region and line-type checks. The handler builds a new normalizer for every phone
/// POST, so that is measured too.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class PhoneNumberBenchmarks
{
    private const string Typed = "+1 617-555-1212";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private readonly MosaicSmsOtpPhoneNumberOptions _options = new();
    private readonly PhoneNumberNormalizer _normalizer;

    public PhoneNumberBenchmarks() => _normalizer = new PhoneNumberNormalizer(_options);

    [Benchmark(Baseline = true, Description = "PhoneNumberUtil.Parse + Format(E164)")]
    public string LibPhoneNumber() => Util.Format(Util.Parse(Typed, "ZZ"), PhoneNumberFormat.E164);

    [Benchmark(Description = "PhoneNumberNormalizer.Normalize")]
    public string? Normalize() => _normalizer.Normalize(Typed).E164;

    [Benchmark(Description = "new PhoneNumberNormalizer(options).Normalize (built per call)")]
    public string? NewNormalizerAndNormalize() => new PhoneNumberNormalizer(_options).Normalize(Typed).E164;
}
