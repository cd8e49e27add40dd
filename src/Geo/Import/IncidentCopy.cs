using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace DiaBan.Geo.Import;

/// <summary>
/// Binary COPY of located incident rows: straight into <c>incident</c> (the fast path, stamped with the batch id), or
/// into a temporary <c>incident_stage</c> that keeps each row's line number so the database can name repeated ids.
/// The rows are encoded here in PostgreSQL's binary COPY format (big-endian lengths and values, text as UTF-8, the point
/// as EWKB with SRID 4326) into one reused buffer and handed to Npgsql's raw COPY stream: no allocation and no type
/// lookup per field (Npgsql's typed importer spent more of the client's CPU than reading, checking and locating the rows,
/// docs/performance.md). A COPY not completed is cancelled, so nothing of it stays in the transaction.
/// </summary>
internal sealed class IncidentCopy : IAsyncDisposable
{
    // "PGCOPY\n\377\r\n\0", flags 0, header extension length 0
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0];
    private const int BufferSize = 1 << 17;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly NpgsqlRawCopyStream _copy;
    private readonly byte[]? _batch;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _completed;

    private IncidentCopy(NpgsqlRawCopyStream copy, string? batch)
    {
        (_copy, _batch) = (copy, batch is null ? null : Encoding.UTF8.GetBytes(batch));
        Header.CopyTo(_buffer);
        _used = Header.Length;
    }

    public static async Task<IncidentCopy> IntoIncidentAsync(NpgsqlConnection conn, string batch, CancellationToken ct) =>
        new(await conn.BeginRawBinaryCopyAsync("""
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
        return new(await conn.BeginRawBinaryCopyAsync("""
            COPY incident_stage (line, external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id)
            FROM STDIN (FORMAT BINARY)
            """, ct), null);
    }

    /// <summary>Writes one row. Synchronous on purpose: the rare blocking flush of the buffer costs less than awaits per
    /// row (the caller's loop runs on a pool thread of its own).</summary>
    public void Write(IncidentRow r)
    {
        // every write makes room for itself (a flush may fall anywhere in a row: COPY data is one byte stream)
        Int16(12);
        if (_batch is null) Int32Field(r.Line);
        Text(r.ExternalId);
        Int32Field(r.OccurredOn.DayNumber - PostgresEpochDay);
        Text(r.Kind);
        Int32Field(r.Persons);
        if (r.Plants is { } plants) Int32Field(plants); else Null();
        if (r.AreaM2 is { } area)
        {
            Reserve(12);
            Int32(8);
            BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_used), area);
            _used += 8;
        }
        else Null();
        if (r.Source is { } source) Text(source); else Null();
        if (r.RecordedBy is { } by) Text(by); else Null();
        if (r.OccurredAt is { } at)
        {
            Reserve(12);
            Int32(8);
            BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_used), at.Ticks / TimeSpan.TicksPerMicrosecond);
            _used += 8;
        }
        else Null();
        Reserve(4 + PointEwkb.Length + 8);
        Int32(PointEwkb.Length);
        PointEwkb.Write(_buffer.AsSpan(_used), r.Lon, r.Lat);
        _used += PointEwkb.Length;
        Int32Field(r.UnitId!.Value);
        if (_batch is not null)
        {
            Reserve(4 + _batch.Length);
            Int32(_batch.Length);
            _batch.CopyTo(_buffer.AsSpan(_used));
            _used += _batch.Length;
        }
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        Reserve(2);
        Int16(-1); // the trailer
        await _copy.WriteAsync(_buffer.AsMemory(0, _used), ct);
        _used = 0;
        _completed = true;
        await _copy.DisposeAsync(); // ends the COPY; the database's error (a repeated id…) is thrown here
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            await _copy.CancelAsync(); // nothing of an unfinished COPY stays in the transaction
        }
        catch (NpgsqlException)
        {
            // the database had already refused the COPY: its error is the one being reported
        }
        finally
        {
            await _copy.DisposeAsync();
        }
    }

    private void Text(string value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used + 4));
        Int32(n);
        _used += n;
    }

    private void Int32Field(int value)
    {
        Int32(4);
        Int32(value);
    }

    private void Null() => Int32(-1);

    private void Int32(int value)
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }

    private void Int16(short value)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), value);
        _used += 2;
    }

    // flushes the buffer to the COPY when fewer than n bytes are left
    private void Reserve(int n)
    {
        if (_used + n <= _buffer.Length) return;
        _copy.Write(_buffer, 0, _used);
        _used = 0;
        if (n > _buffer.Length) throw new InvalidOperationException($"a field of {n} bytes does not fit the COPY buffer");
    }
}

/// <summary>A WGS 84 point as little-endian EWKB (byte order, type Point with the SRID flag, SRID, x, y): the form a
/// binary COPY hands to PostGIS without any text parsing.</summary>
public static class PointEwkb
{
    public const int Length = 25;

    public static byte[] Of(double lon, double lat)
    {
        var b = new byte[Length];
        Write(b, lon, lat);
        return b;
    }

    public static void Write(Span<byte> b, double lon, double lat)
    {
        b[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(b[1..], 0x20000001);
        BinaryPrimitives.WriteInt32LittleEndian(b[5..], 4326);
        BinaryPrimitives.WriteDoubleLittleEndian(b[9..], lon);
        BinaryPrimitives.WriteDoubleLittleEndian(b[17..], lat);
    }
}
