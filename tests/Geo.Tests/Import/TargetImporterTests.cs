using DiaBan.Analytics.Planning;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Import;

/// <summary>The targets file (docs/planning.md): a good file lands in plan_target with one audit row; a bad one names
/// every bad field as file:row:field and writes nothing but the import_failed audit row.</summary>
public class TargetImporterTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>, IDisposable
{
    private const string Header = "scope_level,scope_codes,year,indicator,key_type,comparison,direction,value,legal_basis,document_number,note\n";
    private readonly TempFiles _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private async Task TruncateAsync()
    {
        await using var db = fx.CreateDb();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE plan_target");
    }

    [Fact]
    public async Task A_good_file_is_stored_and_audited_and_a_second_import_replaces_by_key()
    {
        await TruncateAsync();
        var path = _tmp.Write("targets.csv", Header +
            "province,96,2026,drug_free_communes,,share,>=,30%,Kế hoạch 107/KH-UBND ngày 12/2/2026,107/KH-UBND,\n" +
            "communes,96001;96002,2026,key_communes,key_type_i,absolute,at_most,0,\"KH 11/KH-BCĐ, Lạng Sơn\",11/KH-BCĐ,không tăng\n" +
            "province,96,2026,arrests,,percent_change,≥,5,Kế hoạch 11/KH-BCĐ,11/KH-BCĐ,\n");
        await using (var db = fx.CreateDb())
        {
            var result = await new TargetImporter(db).ImportAsync(path);
            Assert.Equal((3, 0), (result.Inserted, result.Updated));
        }
        await using (var db = fx.CreateDb())
        {
            var stored = await db.PlanTargets.OrderBy(t => t.Id).ToListAsync();
            var targets = stored.Select(t => t.ToTarget()).ToList();
            Assert.Equal(TargetScope.Province("96"), targets[0].Scope);
            Assert.Equal((PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 30.0),
                (targets[0].Indicator, targets[0].Comparison, targets[0].Direction, targets[0].Value));
            Assert.Equal(TargetScope.Communes("96001", "96002"), targets[1].Scope);
            Assert.Equal("KH 11/KH-BCĐ, Lạng Sơn", targets[1].LegalBasis);
            Assert.Equal("không tăng", targets[1].Note);
            Assert.Null(targets[2].Note);
            Assert.All(stored, t => Assert.StartsWith("targets-", t.ImportBatch));
        }
        Assert.Equal("import|3", await fx.ScalarAsync<string>(
            "SELECT action || '|' || (details->>'inserted') FROM audit_entry WHERE entity = 'plan_target' ORDER BY id DESC LIMIT 1"));

        // the same target with a revised value replaces the stored one
        var revised = _tmp.Write("revised.csv", Header + "province,96,2026,drug_free_communes,,share,at_least,35,KH 200/KH-UBND,200/KH-UBND,\n");
        await using (var db = fx.CreateDb())
        {
            var result = await new TargetImporter(db).ImportAsync(revised);
            Assert.Equal((0, 1), (result.Inserted, result.Updated));
        }
        Assert.Equal("3|35", await fx.ScalarAsync<string>(
            "SELECT count(*) || '|' || max(value) FILTER (WHERE indicator = 'drug_free_communes') FROM plan_target"));
    }

    [Fact]
    public async Task An_xlsx_file_reads_like_the_csv()
    {
        await TruncateAsync();
        var path = _tmp.PathOf("targets.xlsx");
        XlsxWriter.Write(path,
        [
            PlanTargetRow.Columns.Cast<object?>().ToArray(),
            ["province", "96", 2025, "drug_free_communes", null, "share", "at_least", 20, "Thông báo 564/TB-VPCP", "564/TB-VPCP", null],
        ]);
        await using var db = fx.CreateDb();
        Assert.Equal(1, (await new TargetImporter(db).ImportAsync(path)).Inserted);
        Assert.Equal(20.0, (await db.PlanTargets.SingleAsync()).Value);
    }

    [Fact]
    public async Task Bad_rows_are_reported_as_file_row_field_and_nothing_is_written()
    {
        await TruncateAsync();
        var path = _tmp.Write("bad.csv", Header +
            "province,96,2026,drug_free_communes,,share,>=,30,KH 107,107/KH-UBND,\n" +        // row 2 good
            "province,96,20x6,drug_free_communes,,share,>=,130,KH 107,107/KH-UBND,\n" +      // row 3 year, value
            "communes,96001,2026,key_communes,,absolute,>=,\"1,5\",KH,KH,\n" +                // row 4 key_type, value comma
            "province,96,2026,arrests,,share,>=,5,,11/KH-BCĐ,\n" +                           // row 5 share, legal_basis
            "province,96,2026,drug_free_communes,,share,>=,30,KH 107,107/KH-UBND,\n");       // row 6 repeats row 2
        var lastAudit = await fx.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM audit_entry");
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => new TargetImporter(db).ImportAsync(path));
        Assert.Equal(
        [
            "bad.csv:3:year", "bad.csv:3:value", "bad.csv:4:key_type", "bad.csv:4:value",
            "bad.csv:5:comparison", "bad.csv:5:legal_basis", "bad.csv:6:indicator",
        ], ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Field}"));
        Assert.Contains("tỷ lệ phải từ 0 đến 100", ex.Errors[1].Message);
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM plan_target"));
        Assert.Equal("import_failed|bad.csv|7", await fx.ScalarAsync<string>($"""
            SELECT action || '|' || (details->>'file') || '|' || (details->>'error_count') FROM audit_entry WHERE id > {lastAudit}
            """));
    }

    [Fact]
    public async Task A_missing_or_unknown_column_is_reported_on_row_one()
    {
        var path = _tmp.Write("header.csv", "scope_level,scope_codes,year,indicator,comparison,direction,value,document_number,colour\nprovince,96,2026,arrests,absolute,>=,5,X,red\n");
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => new TargetImporter(db).ImportAsync(path));
        Assert.Equal(["header.csv:1:legal_basis", "header.csv:1:colour"], ex.Errors.Select(e => $"{e.File}:{e.Row}:{e.Field}"));
    }

    [Fact]
    public async Task The_example_file_in_data_examples_imports()
    {
        await TruncateAsync();
        await using var db = fx.CreateDb();
        var result = await new TargetImporter(db).ImportAsync(RepoPaths.Repo("data", "examples", "targets.csv"));
        Assert.Equal(6, result.Inserted);
    }
}
