using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Hosting;

/// <summary>
/// Migrations are scaffolded on parallel branches; a merged model snapshot that misses one branch's change would make
/// the next scaffold repeat it. The model the code declares must equal what the migrations build.
/// </summary>
public class MigrationSnapshotTests
{
    [Fact]
    public void The_migrations_cover_the_whole_model()
    {
        using var db = DiaBanDb.Create("Host=localhost;Database=model_only");
        Assert.False(db.Database.HasPendingModelChanges(),
            "the EF model differs from the last migration's snapshot: scaffold one with src/Geo/Data/Migrations/add-migration.sh");
    }
}
