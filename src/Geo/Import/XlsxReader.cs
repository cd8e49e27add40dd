using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace DiaBan.Geo.Import;

/// <summary>
/// Streams the first worksheet of an .xlsx through MiniExcel as rows of cell text. Before anything is expanded the
/// zip's central directory is checked against <see cref="XlsxLimits"/>: a small file that would inflate to gigabytes
/// (a "zip bomb") is refused with a message instead of exhausting memory.
/// </summary>
public static class XlsxReader
{
    /// <summary>Every row of the first sheet, the header first, read lazily; row numbers are the sheet's own.</summary>
    public static IEnumerable<RawRecord> Records(string path, XlsxLimits? limits = null)
    {
        var name = Path.GetFileName(path);
        CheckSize(path, name, limits ?? XlsxLimits.Default);
        return Rows(path, name, limits ?? XlsxLimits.Default);
    }

    private static IEnumerable<RawRecord> Rows(string path, string name, XlsxLimits limits)
    {
        var config = new OpenXmlConfiguration { FillMergedCells = false, EnableSharedStringCache = true };
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: config).GetEnumerator();
        }
        catch (Exception e) when (Unreadable(e))
        {
            throw NotAWorkbook(name, e);
        }
        using (rows)
        {
            var number = 0;
            while (true)
            {
                try
                {
                    if (!rows.MoveNext()) yield break;
                }
                catch (Exception e) when (Unreadable(e))
                {
                    throw NotAWorkbook(name, e);
                }
                // MiniExcel yields blank rows for the gaps, so the position is the sheet's row number
                if (++number > limits.MaxRows)
                    throw new ImportException(name, number, "xlsx",
                        $"more than {limits.MaxRows:N0} rows; split the sheet or save it as CSV / quá nhiều dòng");
                var cells = (IDictionary<string, object?>)rows.Current;
                yield return new RawRecord(number, cells.Values.Select(Text).ToList());
            }
        }
    }

    private static void CheckSize(string path, string name, XlsxLimits limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                var ratio = e.CompressedLength == 0 ? 0 : (double)e.Length / e.CompressedLength;
                if (e.Length > limits.RatioCheckFromBytes && ratio > limits.MaxCompressionRatio)
                    throw new ImportException(name, 0, "xlsx",
                        $"part {e.FullName} would expand {ratio:N0}× ({e.CompressedLength:N0} → {e.Length:N0} bytes), more than the {limits.MaxCompressionRatio:N0}× " +
                        "a real workbook reaches; refused as a possible zip bomb. Re-save the sheet in Excel or export it as CSV / tệp XLSX bất thường");
            }
            if (total > limits.MaxUncompressedBytes)
                throw new ImportException(name, 0, "xlsx",
                    $"the workbook expands to {total / 1048576.0:N0} MB, more than the {limits.MaxUncompressedBytes / 1048576:N0} MB limit; " +
                    "export the sheet as CSV (streamed, no size limit) / tệp XLSX quá lớn, hãy xuất ra CSV");
        }
        catch (InvalidDataException e)
        {
            throw NotAWorkbook(name, e);
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("s", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool Unreadable(Exception e) =>
        e is InvalidDataException or System.Xml.XmlException or FormatException or InvalidOperationException or KeyNotFoundException
            or IndexOutOfRangeException || e.GetType().Namespace?.StartsWith("MiniExcelLibs", StringComparison.Ordinal) == true;

    private static ImportException NotAWorkbook(string name, Exception e) =>
        new(name, 0, "xlsx", $"not a readable .xlsx workbook: {e.Message}");
}

/// <summary>What an .xlsx may expand to. CSV has no such limit: it is streamed and never expanded.</summary>
public sealed record XlsxLimits
{
    public static readonly XlsxLimits Default = new();

    /// <summary>Sum of the declared uncompressed sizes of all parts (a 1,048,576-row sheet of ten columns is ~300 MB).</summary>
    public long MaxUncompressedBytes { get; init; } = 512L * 1024 * 1024;
    /// <summary>Spreadsheet XML deflates 5–20×; a bomb of repeated bytes near deflate's 1032× maximum.</summary>
    public double MaxCompressionRatio { get; init; } = 200;
    /// <summary>Small parts may compress far (an empty styles part); only parts above this size are held to the ratio.</summary>
    public long RatioCheckFromBytes { get; init; } = 10L * 1024 * 1024;
    /// <summary>Excel's own sheet limit.</summary>
    public int MaxRows { get; init; } = 1_048_576;
}
