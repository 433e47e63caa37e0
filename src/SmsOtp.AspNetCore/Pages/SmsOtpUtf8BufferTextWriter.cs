using System.Buffers;
using System.Text;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// A <see cref="TextWriter"/> that encodes straight into an <see cref="IBufferWriter{T}"/> (the response's
/// <c>PipeWriter</c>) as UTF-8. Nothing here does I/O: the bytes sit in the pipe until its owner flushes it, so the
/// renderer can write synchronously, and a page costs neither a <see cref="StringBuilder"/> nor a string of its size.
/// </summary>
internal sealed class SmsOtpUtf8BufferTextWriter(IBufferWriter<byte> destination) : TextWriter
{
    private const int MinimumSpan = 256;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var span = destination.GetSpan(Math.Max(MinimumSpan, Math.Min(buffer.Length * 3, 8192)));
            _encoder.Convert(buffer, span, flush: false, out var charsUsed, out var bytesUsed, out _);
            destination.Advance(bytesUsed);
            buffer = buffer[charsUsed..];
        }
    }

    /// <summary>Writes what the encoder still holds (half of a surrogate pair); the pipe itself is flushed by its owner.</summary>
    public override void Flush()
    {
        var span = destination.GetSpan(MinimumSpan);
        _encoder.Convert(ReadOnlySpan<char>.Empty, span, flush: true, out _, out var bytesUsed, out _);
        destination.Advance(bytesUsed);
    }
}
