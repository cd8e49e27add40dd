using System.Threading.Channels;

namespace DiaBan.Geo.Import;

/// <summary>
/// Streams an incident file into a COPY: one task reads rows into chunks, checks their fields and assigns their communes
/// (on all cores, per chunk) while the caller's task writes the previous chunk to the database. At most <see cref="ChunksInFlight"/>
/// chunks are held, so memory stays bounded whatever the file's size. Bad rows are recorded in the errors, in file
/// order, and not written.
/// </summary>
internal static class IncidentPipeline
{
    private const int ChunkSize = 16_384;
    private const int ChunksInFlight = 4;

    /// <summary>Writes every good row to <paramref name="sink"/> and returns how many; the sink is completed by the caller.</summary>
    public static async Task<int> RunAsync(TableFile table, PointColumns point, CommuneLocator communes, ImportErrors errors,
        string? provinceCode, IncidentCopy sink, ImportProgress tick, CancellationToken ct)
    {
        var chunks = Channel.CreateBounded<List<IncidentRow>>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(() => ReadAsync(table, point, communes, errors, provinceCode, chunks.Writer, stop.Token), stop.Token);
        var written = 0;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                foreach (var row in chunk)
                {
                    sink.Write(row);
                    tick.Tick(++written);
                }
        }
        catch
        {
            // the database refused a row: stop reading, and report the database's error
            await stop.CancelAsync();
            try { await reader; } catch (Exception) { /* the database's error is the one reported */ }
            throw;
        }
        await reader; // a file that could not be read throws here
        tick.Done(written);
        return written;
    }

    private static async Task ReadAsync(TableFile table, PointColumns point, CommuneLocator communes, ImportErrors errors,
        string? provinceCode, ChannelWriter<List<IncidentRow>> chunks, CancellationToken ct)
    {
        try
        {
            var latest = IncidentRow.Today(TimeProvider.System);
            foreach (var chunk in Checked(table, point, errors, latest, communes, provinceCode))
                await chunks.WriteAsync(chunk, ct);
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    /// <summary>
    /// The good rows of the file chunk by chunk, each bad row's errors recorded in file order. A CSV file takes the fast
    /// path (<see cref="CsvChunk"/> cells read as spans by <see cref="IncidentFastParse"/>; a row it does not take goes
    /// through <see cref="IncidentRow.Parse"/> as before); an XLSX file the general path. Without <paramref name="communes"/>
    /// (tests) no commune is assigned. <paramref name="fast"/>: false forces the general path (tests compare both).
    /// </summary>
    internal static IEnumerable<List<IncidentRow>> Checked(TableFile table, PointColumns point, ImportErrors errors, DateOnly latest,
        CommuneLocator? communes, string? provinceCode, bool fast = true)
    {
        if (fast && table.IsCsv)
        {
            var spans = new IncidentFastParse(table, point, latest);
            var texts = new TextCache[Environment.ProcessorCount];
            for (var t = 0; t < texts.Length; t++) texts[t] = new TextCache();
            foreach (var chunk in CsvReader.Chunks(table.Path, ChunkSize))
                yield return CheckAndLocate(chunk.Count, (i, parse, found, part) =>
                        spans.TryParse(chunk, i, texts[part]) ?? IncidentRow.Parse(chunk.ToTableRow(i, table.Columns), point, parse, found, latest),
                    communes, errors, point, provinceCode);
            yield break;
        }
        var rows = new List<TableRow>(ChunkSize);
        foreach (var r in table.Rows)
        {
            rows.Add(r);
            if (rows.Count < ChunkSize) continue;
            yield return CheckAndLocate(rows.Count, (i, parse, found, _) => IncidentRow.Parse(rows[i], point, parse, found, latest),
                communes, errors, point, provinceCode);
            rows.Clear();
        }
        if (rows.Count > 0)
            yield return CheckAndLocate(rows.Count, (i, parse, found, _) => IncidentRow.Parse(rows[i], point, parse, found, latest),
                communes, errors, point, provinceCode);
    }

    // row i of the chunk checked (with the part's parser and errors; the part's index for its own caches), or null when bad
    private delegate IncidentRow? RowCheck(int i, FieldParser parse, ImportErrors found, int part);

    // checks every field and assigns the commune on all cores, each core a contiguous part of the chunk with its own
    // errors; the parts' errors are then recorded in file order and the bad rows dropped
    private static List<IncidentRow> CheckAndLocate(int count, RowCheck check, CommuneLocator? communes, ImportErrors errors,
        PointColumns point, string? provinceCode)
    {
        var rows = new IncidentRow?[count];
        var parts = new ImportErrors[Math.Max(1, Math.Min(Environment.ProcessorCount, count / 1024))];
        var size = (count + parts.Length - 1) / parts.Length;
        Parallel.For(0, parts.Length, p =>
        {
            var found = parts[p] = new ImportErrors(errors.File) { KeepAll = true };
            var parse = new FieldParser(found);
            for (var i = p * size; i < Math.Min(count, (p + 1) * size); i++)
            {
                if (check(i, parse, found, p) is not { } row) continue;
                if (communes is null) { rows[i] = row; continue; }
                row.UnitId = communes.Locate(row.Lon, row.Lat, row.OccurredOn);
                if (row.UnitId is null)
                    found.Add(row.Line, point.XField, IncidentRow.OutsideEveryCommune(row.Lon, row.Lat, row.OccurredOn, provinceCode));
                else rows[i] = row;
            }
        });
        foreach (var part in parts) errors.AddFrom(part);
        var good = new List<IncidentRow>(count);
        foreach (var row in rows)
            if (row is not null) good.Add(row);
        return good;
    }
}
