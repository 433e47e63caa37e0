namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>The outcome of <see cref="ExpiringStore{TValue}.TryTake"/>.</summary>
internal enum StoreLookup
{
    Missing,
    Expired,
    Found,
}
