using System.Globalization;
using System.Text;
using DiaBan.Geo.Import;

namespace DiaBan.Geo.Tests.Import;

/// <summary>A CSV far larger than the memory it may use is read row by row (issue 7: a 5 GB file must not need 5 GB).
/// Runs alone: the managed heap is the process's, and tests running beside it would count as the reader's memory.</summary>
[Collection(ProcessHeapCollection.Name)]
public class LargeCsvStreamingTests
{
    private const long FileBytes = 2L << 30;
    // What the reader keeps alive, not the garbage a gen0 budget lets pile up (that depends on the machine's cache size).
    private const long RetainedBound = 64L << 20;

    [Fact]
    public void A_2_gb_csv_is_read_in_bounded_memory()
    {
        using var tmp = new TempFiles();
        var path = tmp.PathOf("big.csv");
        var written = WriteIncidents(path, FileBytes);
        Assert.True(new FileInfo(path).Length >= FileBytes);

        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, rows = 0, lastRow = 0, persons = 0;
        foreach (var r in TableFile.Read(path).Rows)
        {
            rows++;
            lastRow = r.Row;
            persons += int.Parse(r.Get("persons")!, CultureInfo.InvariantCulture);
            if (rows % 1_000_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Assert.Equal(written.Rows, rows);
        Assert.Equal(written.Rows + 1, lastRow); // row numbers count the header line
        Assert.Equal(written.Persons, persons);
        Assert.True(peak < RetainedBound, $"the reader kept {peak / 1048576.0:0} MB alive while streaming a {FileBytes >> 20} MB file");
    }

    private static (long Rows, long Persons) WriteIncidents(string path, long bytes)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("id,occurred_on,kind,lon,lat,persons,source\n");
        long rows = 0, persons = 0;
        var line = new StringBuilder();
        while (((FileStream)w.BaseStream).Position < bytes)
        {
            var p = (int)(rows % 3) + 1;
            line.Clear().Append('B').Append(rows).Append(",2024-01-05,arrest,105.0512,9.1523,").Append(p)
                .Append(",\"tuần tra, xã Tân Ân\"\n");
            w.Write(line);
            rows++;
            persons += p;
        }
        return (rows, persons);
    }
}

/// <summary>Tests that measure the process's managed heap run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHeapCollection
{
    public const string Name = "process heap";
}
