using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class UnitLineageConfiguration : IEntityTypeConfiguration<UnitLineage>
{
    public void Configure(EntityTypeBuilder<UnitLineage> b)
    {
        b.ToTable("unit_lineage");
        b.Property(x => x.MergeType).HasConversion(new SnakeCaseEnumConverter<MergeType>()).HasMaxLength(16);
        b.HasOne(x => x.OldUnit).WithMany().HasForeignKey(x => x.OldUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.NewUnit).WithMany().HasForeignKey(x => x.NewUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OldUnitId, x.NewUnitId }).IsUnique();
        b.HasIndex(x => x.NewUnitId);
    }
}
