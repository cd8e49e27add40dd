using System.Threading.Channels;

namespace DiaBan.Geo.Import;

/// <summary>
/// Streams an incident file into a COPY: one task reads and checks rows and assigns their communes (in parallel, per
/// chunk) while the caller's task writes the previous chunk to the database. At most <see cref="ChunksInFlight"/>
/// chunks are held, so memory stays bounded whatever the file's size. Bad rows are recorded in the errors, in file
/// order, and not written.
/// </summary>
internal static class IncidentPipeline
{
    private const int ChunkSize = 8192;
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
            var parse = new FieldParser(errors);
            var chunk = new List<IncidentRow>(ChunkSize);
            foreach (var r in table.Rows)
            {
                if (IncidentRow.Parse(r, point, parse, errors) is { } row) chunk.Add(row);
                if (chunk.Count < ChunkSize) continue;
                await chunks.WriteAsync(Locate(chunk, communes, errors, point, provinceCode), ct);
                chunk = new List<IncidentRow>(ChunkSize);
            }
            if (chunk.Count > 0) await chunks.WriteAsync(Locate(chunk, communes, errors, point, provinceCode), ct);
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    // assigns each row its commune on all cores, then records (in file order) and drops the rows no commune covers
    private static List<IncidentRow> Locate(List<IncidentRow> chunk, CommuneLocator communes, ImportErrors errors, PointColumns point, string? provinceCode)
    {
        Parallel.For(0, chunk.Count, i => chunk[i].UnitId = communes.Locate(chunk[i].Lon, chunk[i].Lat, chunk[i].OccurredOn));
        foreach (var r in chunk)
            if (r.UnitId is null)
                errors.Add(r.Line, point.XField,
                    $"point ({r.Lon:0.######}, {r.Lat:0.######}) lies outside every commune" +
                    $"{(provinceCode is null ? "" : $" of province {provinceCode}")} valid on {r.OccurredOn:yyyy-MM-dd}" +
                    " / điểm nằm ngoài mọi xã");
        chunk.RemoveAll(r => r.UnitId is null);
        return chunk;
    }
}
