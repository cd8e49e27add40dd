using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class GridCellRecordConfiguration : IEntityTypeConfiguration<GridCellRecord>
{
    public void Configure(EntityTypeBuilder<GridCellRecord> b)
    {
        b.ToTable("grid_cell", t =>
        {
            t.HasCheckConstraint("ck_grid_cell_size", "size_m > 0");
            t.HasCheckConstraint("ck_grid_cell_share", "area_share > 0 AND area_share <= 1.000001");
        });
        b.Property(x => x.Geom).HasColumnType("geometry(MultiPolygon,4326)").IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SizeM, x.Srid, x.I, x.J, x.UnitId }).IsUnique();
        b.HasIndex(x => new { x.SizeM, x.UnitId });
        b.HasIndex(x => x.Geom).HasMethod("gist");
    }
}

internal sealed class PatrolCellExposureConfiguration : IEntityTypeConfiguration<PatrolCellExposure>
{
    public void Configure(EntityTypeBuilder<PatrolCellExposure> b)
    {
        b.ToTable("patrol_cell_exposure", t =>
        {
            t.HasCheckConstraint("ck_patrol_cell_exposure_days", "patrol_days >= 0");
            t.HasCheckConstraint("ck_patrol_cell_exposure_period", "period_to > period_from");
        });
        b.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SizeM, x.Srid, x.I, x.J, x.PeriodFrom });
        b.HasIndex(x => new { x.UnitId, x.PeriodFrom });
    }
}
