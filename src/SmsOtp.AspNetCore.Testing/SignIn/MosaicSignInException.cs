namespace SmsOtp.AspNetCore.Testing;

/// <summary>A test sign-in did not get where it should, with what the app answered and what the emulator recorded.</summary>
public sealed class MosaicSignInException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MosaicSignInException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MosaicSignInException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MosaicSignInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
