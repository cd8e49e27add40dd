using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace DiaBan.Geo.Import;

/// <summary>Reads the first worksheet of an .xlsx (Office Open XML: a zip of XML parts) into rows of cell text; no extra package.</summary>
public static class XlsxSheetReader
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static (IReadOnlyList<string> Header, IReadOnlyList<RawRecord> Records) Read(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var shared = ReadSharedStrings(zip);
            var sheet = Load(zip, FirstSheetPath(zip)) ?? throw new InvalidDataException("worksheet part missing");
            var records = new List<RawRecord>();
            foreach (var row in sheet.Descendants(Main + "row"))
            {
                var rowNumber = int.Parse((string?)row.Attribute("r") ?? (records.Count + 1).ToString(), CultureInfo.InvariantCulture);
                var cells = new List<string?>();
                foreach (var c in row.Elements(Main + "c"))
                {
                    var col = ColumnIndex((string?)c.Attribute("r")) ?? cells.Count;
                    while (cells.Count < col) cells.Add(null);
                    cells.Add(CellText(c, shared));
                }
                records.Add(new RawRecord(rowNumber, cells));
            }
            if (records.Count == 0) throw new ImportException(name, 1, "header", "empty worksheet / trang tính rỗng");
            return (records[0].Cells.Select(c => c ?? "").ToList(), records.Skip(1).ToList());
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or FormatException)
        {
            throw new ImportException(name, 0, "xlsx", $"not a readable .xlsx workbook: {e.Message}");
        }
    }

    private static string? CellText(XElement c, IReadOnlyList<string> shared)
    {
        var type = (string?)c.Attribute("t");
        var v = (string?)c.Element(Main + "v");
        return type switch
        {
            "s" => v is null ? null : shared[int.Parse(v, CultureInfo.InvariantCulture)],
            "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
            "b" => v == "1" ? "true" : "false",
            _ => v,
        };
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        var doc = Load(zip, "xl/sharedStrings.xml");
        if (doc is null) return [];
        // rich-text strings split their text over several <t> runs
        return doc.Root!.Elements(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList();
    }

    private static string FirstSheetPath(ZipArchive zip)
    {
        var workbook = Load(zip, "xl/workbook.xml") ?? throw new InvalidDataException("xl/workbook.xml missing");
        var first = workbook.Descendants(Main + "sheet").FirstOrDefault() ?? throw new InvalidDataException("workbook has no sheet");
        var relId = (string?)first.Attribute(Rel + "id");
        var rels = Load(zip, "xl/_rels/workbook.xml.rels");
        var target = rels?.Root?.Elements(PackageRel + "Relationship")
            .FirstOrDefault(r => (string?)r.Attribute("Id") == relId)?.Attribute("Target")?.Value ?? "worksheets/sheet1.xml";
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static XDocument? Load(ZipArchive zip, string part)
    {
        var entry = zip.GetEntry(part);
        if (entry is null) return null;
        using var s = entry.Open();
        return XDocument.Load(s);
    }

    // "C12" → 2 (zero-based column)
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var col = 0;
        foreach (var ch in reference)
        {
            if (!char.IsLetter(ch)) break;
            col = col * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return col - 1;
    }
}
