using System.Text;

namespace DiaBan.Geo.Import;

/// <summary>RFC 4180 CSV (quoted fields, doubled quotes, CRLF/LF, embedded newlines); the delimiter is sniffed from the header (comma or semicolon).</summary>
public static class CsvReader
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<RawRecord> Records) Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var records = Parse(text, delimiter, System.IO.Path.GetFileName(path));
        if (records.Count == 0) throw new ImportException(System.IO.Path.GetFileName(path), 1, "header", "empty file / tệp rỗng");
        return (records[0].Cells.Select(c => c ?? "").ToList(), records.Skip(1).ToList());
    }

    public static List<RawRecord> Parse(string text, char delimiter, string fileName)
    {
        var records = new List<RawRecord>();
        var cells = new List<string?>();
        var cell = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            if (c == '"' && cell.Length == 0) inQuotes = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                records.Add(new RawRecord(recordStart, cells));
                cells = [];
                line++;
                recordStart = line;
            }
            else cell.Append(c);
        }
        if (inQuotes) throw new ImportException(fileName, recordStart, "csv", "unterminated quoted field / thiếu dấu ngoặc kép đóng");
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add(new RawRecord(recordStart, cells));
        }
        return records;
    }
}
