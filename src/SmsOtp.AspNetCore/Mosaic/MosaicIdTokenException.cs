namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>An ID token that failed validation; the message says which check, never the token.</summary>
internal sealed class MosaicIdTokenException(string message, Exception? innerException = null) : Exception(message, innerException);
