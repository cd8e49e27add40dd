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

    /// <summary>Writes one row. Synchronous on purpose: ten awaits per row cost more than the rare blocking flush of the
    /// importer's buffer (the caller's loop runs on a pool thread of its own).</summary>
    public void Write(IncidentRow r)
    {
        _copy.StartRow();
        if (_batch is null) _copy.Write(r.Line, NpgsqlDbType.Integer);
        _copy.Write(r.ExternalId, NpgsqlDbType.Text);
        _copy.Write(r.OccurredOn, NpgsqlDbType.Date);
        _copy.Write(r.Kind, NpgsqlDbType.Text);
        _copy.Write(r.Persons, NpgsqlDbType.Integer);
        if (r.Plants is { } plants) _copy.Write(plants, NpgsqlDbType.Integer); else _copy.WriteNull();
        if (r.AreaM2 is { } area) _copy.Write(area, NpgsqlDbType.Double); else _copy.WriteNull();
        if (r.Source is { } source) _copy.Write(source, NpgsqlDbType.Text); else _copy.WriteNull();
        if (r.RecordedBy is { } by) _copy.Write(by, NpgsqlDbType.Text); else _copy.WriteNull();
        if (r.OccurredAt is { } at) _copy.Write(at, NpgsqlDbType.Time); else _copy.WriteNull();
        _copy.Write(PointEwkb.Of(r.Lon, r.Lat), NpgsqlDbType.Bytea);
        _copy.Write(r.UnitId!.Value, NpgsqlDbType.Integer);
        if (_batch is not null) _copy.Write(_batch, NpgsqlDbType.Text);
    }

    public async Task CompleteAsync(CancellationToken ct) => await _copy.CompleteAsync(ct);

    public ValueTask DisposeAsync() => _copy.DisposeAsync();
}

/// <summary>A WGS 84 point as little-endian EWKB (byte order, type Point with the SRID flag, SRID, x, y): the form a
/// binary COPY hands to PostGIS without any text parsing.</summary>
public static class PointEwkb
{
    public static byte[] Of(double lon, double lat)
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
