using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Import;

/// <summary>
/// Binary COPY of located incident rows: straight into <c>incident</c> (the fast path, stamped with the batch id), or
/// into a temporary <c>incident_stage</c> that keeps each row's line number so the database can name repeated ids.
/// The point goes over the wire as EWKB (SRID 4326), the form PostGIS reads without parsing text.
/// </summary>
internal sealed class IncidentCopy : IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter _copy;
    private readonly string? _batch;

    private IncidentCopy(NpgsqlBinaryImporter copy, string? batch) => (_copy, _batch) = (copy, batch);

    public static async Task<IncidentCopy> IntoIncidentAsync(NpgsqlConnection conn, string batch, CancellationToken ct) =>
        new(await conn.BeginBinaryImportAsync("""
            COPY incident (external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id, import_batch)
            FROM STDIN (FORMAT BINARY)
            """, ct), batch);

    public static async Task<IncidentCopy> IntoStageAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE incident_stage (
                line int, external_id text, occurred_on date, kind text, persons int, plants int, area_m2 float8,
                source text, recorded_by text, occurred_at time, geom geometry(Point, 4326), unit_id int) ON COMMIT DROP
            """, conn))
            await create.ExecuteNonQueryAsync(ct);
        return new(await conn.BeginBinaryImportAsync("""
            COPY incident_stage (line, external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id)
            FROM STDIN (FORMAT BINARY)
            """, ct), null);
    }

    public async Task WriteAsync(IncidentRow r, CancellationToken ct)
    {
        await _copy.StartRowAsync(ct);
        if (_batch is null) await _copy.WriteAsync(r.Line, NpgsqlDbType.Integer, ct);
        await _copy.WriteAsync(r.ExternalId, NpgsqlDbType.Text, ct);
        await _copy.WriteAsync(r.OccurredOn, NpgsqlDbType.Date, ct);
        await _copy.WriteAsync(r.Kind, NpgsqlDbType.Text, ct);
        await _copy.WriteAsync(r.Persons, NpgsqlDbType.Integer, ct);
        if (r.Plants is { } plants) await _copy.WriteAsync(plants, NpgsqlDbType.Integer, ct); else await _copy.WriteNullAsync(ct);
        if (r.AreaM2 is { } area) await _copy.WriteAsync(area, NpgsqlDbType.Double, ct); else await _copy.WriteNullAsync(ct);
        if (r.Source is { } source) await _copy.WriteAsync(source, NpgsqlDbType.Text, ct); else await _copy.WriteNullAsync(ct);
        if (r.RecordedBy is { } by) await _copy.WriteAsync(by, NpgsqlDbType.Text, ct); else await _copy.WriteNullAsync(ct);
        if (r.OccurredAt is { } at) await _copy.WriteAsync(at, NpgsqlDbType.Time, ct); else await _copy.WriteNullAsync(ct);
        await _copy.WriteAsync(Ewkb(r.Lon, r.Lat), NpgsqlDbType.Bytea, ct);
        await _copy.WriteAsync(r.UnitId!.Value, NpgsqlDbType.Integer, ct);
        if (_batch is not null) await _copy.WriteAsync(_batch, NpgsqlDbType.Text, ct);
    }

    public async Task CompleteAsync(CancellationToken ct) => await _copy.CompleteAsync(ct);

    public ValueTask DisposeAsync() => _copy.DisposeAsync();

    // little-endian EWKB: byte order, type Point with the SRID flag, SRID, x, y
    private static byte[] Ewkb(double lon, double lat)
    {
        var b = new byte[25];
        b[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(1), 0x20000001);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(5), 4326);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(9), lon);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(17), lat);
        return b;
    }
}
