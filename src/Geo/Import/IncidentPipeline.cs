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
            var chunk = new List<TableRow>(ChunkSize);
            foreach (var r in table.Rows)
            {
                chunk.Add(r);
                if (chunk.Count < ChunkSize) continue;
                await chunks.WriteAsync(CheckAndLocate(chunk, communes, errors, point, provinceCode, latest), ct);
                chunk.Clear();
            }
            if (chunk.Count > 0) await chunks.WriteAsync(CheckAndLocate(chunk, communes, errors, point, provinceCode, latest), ct);
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    // checks every field and assigns the commune on all cores, each core a contiguous part of the chunk with its own
    // errors; the parts' errors are then recorded in file order and the bad rows dropped
    private static List<IncidentRow> CheckAndLocate(List<TableRow> chunk, CommuneLocator communes, ImportErrors errors,
        PointColumns point, string? provinceCode, DateOnly latest)
    {
        var rows = new IncidentRow?[chunk.Count];
        var parts = new ImportErrors[Math.Max(1, Math.Min(Environment.ProcessorCount, chunk.Count / 1024))];
        var size = (chunk.Count + parts.Length - 1) / parts.Length;
        Parallel.For(0, parts.Length, p =>
        {
            var found = parts[p] = new ImportErrors(errors.File) { KeepAll = true };
            var parse = new FieldParser(found);
            for (var i = p * size; i < Math.Min(chunk.Count, (p + 1) * size); i++)
            {
                if (IncidentRow.Parse(chunk[i], point, parse, found, latest) is not { } row) continue;
                row.UnitId = communes.Locate(row.Lon, row.Lat, row.OccurredOn);
                if (row.UnitId is null)
                    found.Add(row.Line, point.XField, IncidentRow.OutsideEveryCommune(row.Lon, row.Lat, row.OccurredOn, provinceCode));
                else rows[i] = row;
            }
        });
        foreach (var part in parts) errors.AddFrom(part);
        var good = new List<IncidentRow>(chunk.Count);
        foreach (var row in rows)
            if (row is not null) good.Add(row);
        return good;
    }
}
