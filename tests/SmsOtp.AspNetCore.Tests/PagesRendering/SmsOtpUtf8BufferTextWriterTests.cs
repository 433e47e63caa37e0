using System.Buffers;
using System.Text;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Tests.PagesRendering;

/// <summary>The pages' HTML is encoded straight into the response pipe: the bytes must be exactly UTF-8 of the text.</summary>
public sealed class SmsOtpUtf8BufferTextWriterTests
{
    [Fact]
    public void Text_written_in_pieces_is_its_UTF8_including_a_surrogate_pair_split_across_writes_and_a_large_block()
    {
        var large = string.Concat(Enumerable.Repeat("مرحبا こんにちは ", 3000));   // far above one span of the pipe
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new SmsOtpUtf8BufferTextWriter(buffer))
        {
            writer.Write("<p>");
            writer.Write('\uD83D');   // 😀 in two writes
            writer.Write('\uDE00');
            writer.Write(large.ToCharArray(), 0, large.Length);
            writer.Write("</p>".AsSpan());
            writer.Flush();
        }

        Assert.Equal("<p>\U0001F600" + large + "</p>", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_lone_high_surrogate_at_the_end_is_written_as_the_replacement_character_on_flush()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new SmsOtpUtf8BufferTextWriter(buffer);

        writer.Write("a\uD83D");
        var beforeFlush = buffer.WrittenCount;
        writer.Flush();

        Assert.Equal(1, beforeFlush);
        Assert.Equal("a\uFFFD", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
