using System.Text;
using nietras.SeparatedValues;

namespace DiaBan.Geo.Import;

/// <summary>
/// Streams RFC 4180 CSV through Sep (quoted fields, doubled quotes, CRLF/LF, embedded newlines) without holding the
/// file in memory. The delimiter is sniffed from the header (comma or semicolon); the encoding from the byte-order mark
/// (UTF-8 with or without BOM, UTF-16 LE/BE with BOM); anything that is not valid UTF-8 is refused, naming line and byte.
/// </summary>
public static class CsvReader
{
    /// <summary>Every record of the file, the header first, read lazily (the file is opened when enumeration starts).</summary>
    public static IEnumerable<RawRecord> Records(string path)
    {
        var name = Path.GetFileName(path);
        var delimiter = SniffDelimiter(path);
        using var text = OpenText(path, name);
        foreach (var r in Records(text, delimiter, name)) yield return r;
    }

    /// <summary>Parses CSV text already in memory (tests read a command's output this way).</summary>
    public static List<RawRecord> Parse(string text, char delimiter, string fileName) =>
        Records(new StringReader(text), delimiter, fileName).ToList();

    private static IEnumerable<RawRecord> Records(TextReader text, char delimiter, string fileName)
    {
        using var reader = Open(text, delimiter);
        while (MoveNext(reader, fileName)) yield return ToRecord(reader.Current, fileName);
    }

    /// <summary>
    /// The data rows of the file (header and blank rows skipped) in chunks of up to <paramref name="rows"/> rows, the
    /// same chunk object refilled each time: read it before asking for the next. The same rows, cells and errors as
    /// <see cref="TableFile.Rows"/> over <see cref="Records(string)"/>, without a string per cell.
    /// </summary>
    internal static IEnumerable<CsvChunk> Chunks(string path, int rows)
    {
        var name = Path.GetFileName(path);
        var delimiter = SniffDelimiter(path);
        using var text = OpenText(path, name);
        using var reader = Open(text, delimiter);
        var chunk = new CsvChunk();
        var header = true;
        while (Fill(reader, chunk, rows, name, ref header)) yield return chunk;
    }

    // fills the chunk (cleared first); false when the file had no more rows. Apart from the iterator: a Sep row is a ref struct
    private static bool Fill(SepReader reader, CsvChunk chunk, int rows, string fileName, ref bool header)
    {
        chunk.Clear();
        while (chunk.Count < rows)
        {
            if (!MoveNext(reader, fileName)) return chunk.Count > 0;
            var row = reader.Current;
            CheckQuotes(row, fileName);
            if (header) { header = false; continue; }
            chunk.Add(row);
        }
        return true;
    }

    private static SepReader Open(TextReader text, char delimiter) => Sep.Reader(o => o with
    {
        Sep = new Sep(delimiter), HasHeader = false, Unescape = true, DisableColCountCheck = true,
    }).From(text);

    private static bool MoveNext(SepReader reader, string fileName)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportException(fileName, 0, "encoding",
                $"invalid UTF-16 text ({e.Message}); save the file as UTF-8 / tệp không đúng mã hóa: hãy lưu lại dạng CSV UTF-8");
        }
    }

    // Sep reads an unterminated quote to the end of the file: an odd number of quotes marks it
    private static void CheckQuotes(SepReader.Row row, string fileName)
    {
        if (row.Span.Count('"') % 2 != 0)
            throw new ImportException(fileName, row.LineNumberFrom, "csv", "unterminated quoted field / thiếu dấu ngoặc kép đóng");
    }

    private static RawRecord ToRecord(SepReader.Row row, string fileName)
    {
        CheckQuotes(row, fileName);
        var cells = new string?[row.ColCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
        return new RawRecord(row.LineNumberFrom, cells);
    }

    /// <summary>Opens the file as text in the encoding its byte-order mark names; without one it must be valid UTF-8.</summary>
    private static TextReader OpenText(string path, string name)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> bom = stackalloc byte[3];
        var n = file.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (n >= 2 && (bom[0], bom[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            file.Position = 2;
            return new StreamReader(file, new UnicodeEncoding(bigEndian: bom[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true),
                detectEncodingFromByteOrderMarks: false, 1 << 16);
        }
        var skip = n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
        file.Position = skip;
        return new StreamReader(new Utf8CheckedStream(file, name, skip), new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, 1 << 16);
    }

    // ';' when the header has more semicolons than commas (Vietnamese Excel exports), else ','
    private static char SniffDelimiter(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var head = new byte[64 * 1024];
        var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var line = head.AsSpan(0, n);
        var end = line.IndexOf((byte)'\n');
        if (end >= 0) line = line[..end];
        // counting bytes works for UTF-8 and (both halves of) UTF-16 alike
        return line.Count((byte)';') > line.Count((byte)',') ? ';' : ',';
    }
}
