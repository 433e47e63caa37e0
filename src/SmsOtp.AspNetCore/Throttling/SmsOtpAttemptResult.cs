namespace SmsOtp.AspNetCore.Throttling;

/// <summary>What became of a code attempt reserved with <see cref="SmsOtpThrottle.ReserveAttemptAsync(string, string, DateTimeOffset, CancellationToken)"/>; it decides what is given back.</summary>
internal enum SmsOtpAttemptResult
{
    /// <summary>Mosaic said the code was wrong: the reservation stands as the wrong code's count.</summary>
    WrongCode,

    /// <summary>Mosaic accepted the code: it was no wrong code, and the run of consecutive failures ends.</summary>
    RightCode,

    /// <summary>Mosaic judged the code but not as wrong (expired, locked): the flow's attempt stands, the number's counts do not.</summary>
    NotWrong,

    /// <summary>Mosaic did not judge the code (unreachable, 5xx, timeout): nothing of the attempt stands (checklist B-41).</summary>
    NotJudged,
}
