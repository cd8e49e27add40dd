using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Geo.Tests.Infrastructure;

/// <summary>The real Cà Mau files (../shared/data/vn) and how they are imported: old communes until 1/7/2025, new ones from then.</summary>
public static class CaMau
{
    public static readonly DateOnly Switch = new(2025, 7, 1);
    public static readonly DateOnly OldFrom = new(2019, 1, 1);

    public static BoundaryImportOptions OldCommunes(string? fallback = "commune_id") => new()
    {
        Level = UnitLevel.Commune, ValidFrom = OldFrom, ValidTo = Switch,
        CodeField = "gso_code_2025_03", CodeFallbackField = fallback, NameField = "commune_vn", PopulationField = "population",
    };

    public static BoundaryImportOptions NewCommunes() => new()
    {
        Level = UnitLevel.Commune, ValidFrom = Switch, CodeField = "code", NameField = "fullName",
    };

    public static async Task ImportAllAsync(DiaBanDb db)
    {
        await new BoundaryImporter(db).ImportAsync(SharedData.VnFile("communes_pre2025_ca_mau.geojson"), OldCommunes());
        await new BoundaryImporter(db).ImportAsync(SharedData.VnFile("communes_2025_ca_mau.geojson"), NewCommunes());
        await new LineageImporter(db).ImportAsync(SharedData.VnFile("crosswalk_2025_old_to_new_commune.csv"), Switch, newProvinceCode: "96");
    }
}
