using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>The emulator's users, keyed by phone number. Users are only created by a completed sign-up.</summary>
internal sealed class UserStore
{
    private readonly ConcurrentDictionary<string, string> _userIdsByPhone = new(StringComparer.Ordinal);

    public UserStore(IEnumerable<MosaicEmulatorUser> users)
    {
        foreach (var user in users)
        {
            _userIdsByPhone[user.PhoneNumber] = user.UserId;
        }
    }

    public string? Find(string phoneNumber) => _userIdsByPhone.GetValueOrDefault(phoneNumber);

    /// <summary>A linear scan: only userinfo calls it, and user counts in tests are small.</summary>
    public string? FindPhone(string userId) =>
        _userIdsByPhone.FirstOrDefault(pair => string.Equals(pair.Value, userId, StringComparison.Ordinal)).Key;

    /// <summary>Returns the user id for the phone, creating the user when needed.</summary>
    public (string UserId, bool Created) GetOrCreate(string phoneNumber)
    {
        var created = false;
        var userId = _userIdsByPhone.GetOrAdd(phoneNumber, _ =>
        {
            created = true;
            return "u" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        });
        return (userId, created);
    }
}
