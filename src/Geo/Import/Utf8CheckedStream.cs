using System.Buffers;
using System.Text.Unicode;

namespace DiaBan.Geo.Import;

/// <summary>
/// A read-only pass-through that refuses bytes that are not UTF-8 as they stream by, naming the line and byte offset:
/// a Windows-1258 or Latin-1 file must be refused, not stored as mojibake (a 5 GB file is never held in memory).
/// </summary>
internal sealed class Utf8CheckedStream(Stream inner, string fileName, long startOffset) : Stream
{
    private readonly byte[] _carry = new byte[4];
    private int _carryCount;
    private long _offset = startOffset; // file offset of the first byte not yet validated (after the carry)
    private int _line = 1;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Check(buffer[..n], endOfFile: n == 0);
        return n;
    }

    private void Check(ReadOnlySpan<byte> chunk, bool endOfFile)
    {
        if (_carryCount > 0)
        {
            // complete the sequence split across two reads, then check the rest of the chunk
            var take = Math.Min(chunk.Length, 4 - _carryCount);
            Span<byte> joined = stackalloc byte[_carryCount + take];
            _carry.AsSpan(0, _carryCount).CopyTo(joined);
            chunk[..take].CopyTo(joined[_carryCount..]);
            var status = System.Text.Rune.DecodeFromUtf8(joined, out _, out var used);
            if (status == OperationStatus.NeedMoreData && !endOfFile) { chunk[..take].CopyTo(_carry.AsSpan(_carryCount)); _carryCount += take; return; }
            if (status != OperationStatus.Done) Fail(joined[0]);
            var fromChunk = used - _carryCount;
            _offset += used;
            _carryCount = 0;
            chunk = chunk[fromChunk..];
        }
        var valid = Utf8ValidPrefix(chunk, out var status2);
        CountLines(chunk[..valid]);
        _offset += valid;
        if (status2 == OperationStatus.InvalidData || (status2 == OperationStatus.NeedMoreData && endOfFile)) Fail(chunk[valid]);
        if (status2 == OperationStatus.NeedMoreData)
        {
            chunk[valid..].CopyTo(_carry);
            _carryCount = chunk.Length - valid;
        }
    }

    private static int Utf8ValidPrefix(ReadOnlySpan<byte> bytes, out OperationStatus status)
    {
        // NUL is valid UTF-8 but never CSV text: it is what UTF-16 without a byte-order mark looks like
        if (Utf8.IsValid(bytes) && !bytes.Contains((byte)0)) { status = OperationStatus.Done; return bytes.Length; }
        var i = 0;
        while (i < bytes.Length)
        {
            // ASCII runs are the common case; skip them without decoding
            var ascii = bytes[i..].IndexOfAnyExceptInRange((byte)1, (byte)0x7F);
            if (ascii < 0) break;
            i += ascii;
            if (bytes[i] == 0) { status = OperationStatus.InvalidData; return i; }
            status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var used);
            if (status != OperationStatus.Done) return i;
            i += used;
        }
        status = OperationStatus.Done;
        return bytes.Length;
    }

    private void CountLines(ReadOnlySpan<byte> bytes) => _line += bytes.Count((byte)'\n');

    private void Fail(byte b) => throw new ImportException(fileName, _line, "encoding",
        $"byte {_offset} (0x{b:X2}) is not UTF-8: the file looks like " +
        (b == 0 ? "UTF-16 without a byte-order mark. " : "Windows-1258, TCVN3 or Latin-1. ") +
        "Save it as UTF-8 (Excel: Save As → \"CSV UTF-8\") and import again / tệp không phải UTF-8: hãy lưu lại dạng CSV UTF-8");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _offset; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
