using System.Text;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;

namespace DiaBan.Geo.Tests.Import;

/// <summary>Reading CSV/XLSX/GeoJSON files without a database: encodings, quoting, oversized workbooks.</summary>
public class TableFileTests : IDisposable
{
    private const string Csv = "id,name,note\r\nA-1,Xã Tân Ân,\"đường \"\"số 1\"\"\nbến phà\"\r\nA-2,Phường Đông Hải,\r\n";
    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = _tmp.PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static List<string> Cells(TableFile t) =>
        t.Rows.Select(r => $"{r.Row}|{r.Get("id")}|{r.Get("name")}|{r.Get("note")}").ToList();

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf8-bom")]
    [InlineData("utf16le-bom")]
    [InlineData("utf16be-bom")]
    public void Utf8_and_utf16_files_read_the_same_rows(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf8" => new UTF8Encoding(false).GetBytes(Csv),
            "utf8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Csv)],
            "utf16le-bom" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Csv)],
            _ => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Csv)],
        };
        var table = TableFile.Read(WriteBytes($"{encoding}.csv", bytes));
        Assert.Equal(["id", "name", "note"], table.Header);
        // the quoted note spans two lines, so the next record starts on line 4
        Assert.Equal(["2|A-1|Xã Tân Ân|đường \"số 1\"\nbến phà", "4|A-2|Phường Đông Hải|"], Cells(table));
    }

    [Fact]
    public void A_windows_1258_file_is_refused_naming_line_byte_and_the_fix()
    {
        // "Xã" in Windows-1258 is 58 E3: E3 starts a three-byte UTF-8 sequence that "n" cannot continue
        var bytes = Encoding.ASCII.GetBytes("id,name\nA-1,Xa\nA-2,X").Concat(new byte[] { 0xE3, (byte)'n', (byte)'\n' }).ToArray();
        var path = WriteBytes("cp1258.csv", bytes);
        var ex = Assert.Throws<ImportException>(() => TableFile.Read(path).Rows.ToList());
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("cp1258.csv", 3, "encoding"), (e.File, e.Row, e.Field));
        Assert.StartsWith("byte 20 (0xE3) is not UTF-8", e.Message);
        Assert.Contains("Save it as UTF-8", e.Message);
    }

    [Fact]
    public void An_invalid_byte_in_the_header_is_refused_when_the_file_is_opened()
    {
        var path = WriteBytes("latin1.csv", [.. Encoding.ASCII.GetBytes("id,t"), 0xEA, .. Encoding.ASCII.GetBytes("n\nA-1,x\n")]);
        var ex = Assert.Throws<ImportException>(() => TableFile.Read(path));
        Assert.Equal("latin1.csv:1:encoding", $"{ex.Errors[0].File}:{ex.Errors[0].Row}:{ex.Errors[0].Field}");
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_refused()
    {
        var path = WriteBytes("utf16.csv", Encoding.Unicode.GetBytes("id,name\nA-1,x\n"));
        var ex = Assert.Throws<ImportException>(() => TableFile.Read(path));
        Assert.Contains("UTF-16 without a byte-order mark", ex.Message);
    }

    [Fact]
    public void Semicolons_are_detected_from_the_header()
    {
        var table = TableFile.Read(_tmp.Write("semi.csv", "id;name;note\nA-1;Xã Một,Hai;\n"));
        Assert.Equal(["2|A-1|Xã Một,Hai|"], Cells(table));
    }

    [Fact]
    public void An_unterminated_quote_names_the_row_where_it_opens()
    {
        var path = _tmp.Write("open.csv", "id,name\nA-1,ok\nA-2,\"never closed\nA-3,x\n");
        var ex = Assert.Throws<ImportException>(() => TableFile.Read(path).Rows.ToList());
        Assert.Equal("open.csv:3:csv: unterminated quoted field / thiếu dấu ngoặc kép đóng", Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void Xlsx_cells_read_as_text_with_their_row_numbers()
    {
        var path = _tmp.PathOf("t.xlsx");
        XlsxWriter.Write(path, [["id", "name", "note"], ["A-1", "Xã Tân Ân", 45500.0], [null, null, null], ["A-2", 12, 105.05]]);
        var table = TableFile.Read(path);
        Assert.Equal(["id", "name", "note"], table.Header);
        Assert.Equal(["2|A-1|Xã Tân Ân|45500", "4|A-2|12|105.05"], Cells(table));
    }

    [Fact]
    public void An_xlsx_that_would_inflate_to_a_gigabyte_is_refused_before_it_is_expanded()
    {
        var path = _tmp.PathOf("bomb.xlsx");
        XlsxBomb.Write(path);
        Assert.InRange(new FileInfo(path).Length, 1, 4L << 20); // a few MB on disk
        var before = GC.GetTotalAllocatedBytes();
        var ex = Assert.Throws<ImportException>(() => TableFile.Read(path));
        Assert.InRange(GC.GetTotalAllocatedBytes() - before, 0, 50L << 20); // refused from the zip directory alone
        var e = Assert.Single(ex.Errors);
        Assert.Equal(("bomb.xlsx", "xlsx"), (e.File, e.Field));
        Assert.Contains("refused as a possible zip bomb", e.Message);
    }

    [Fact]
    public void A_workbook_over_the_size_limit_is_refused_with_the_limit_named()
    {
        var path = _tmp.PathOf("big.xlsx");
        XlsxWriter.Write(path, [["id"], ["A-1"]]);
        var ex = Assert.Throws<ImportException>(() => XlsxReader.Records(path, new XlsxLimits { MaxUncompressedBytes = 100 }));
        Assert.Contains("MB limit", ex.Message);
        Assert.Contains("export the sheet as CSV", ex.Message);
    }

    [Fact]
    public void Geojson_with_a_utf8_byte_order_mark_is_read()
    {
        var json = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1","name":"Xã Một"},"geometry":{"type":"Polygon","coordinates":[[[105,9],[105.1,9],[105.1,9.1],[105,9]]]}}]}""";
        var path = WriteBytes("bom.geojson", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]);
        var file = FeatureFileReader.Read(path);
        Assert.Equal("Xã Một", Assert.Single(file.Features).GetString("name"));
    }
}
