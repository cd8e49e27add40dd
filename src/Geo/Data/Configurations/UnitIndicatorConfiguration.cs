using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class UnitIndicatorConfiguration : IEntityTypeConfiguration<UnitIndicator>
{
    public void Configure(EntityTypeBuilder<UnitIndicator> b)
    {
        b.ToTable("unit_indicator");
        b.Property(x => x.OnKeyRoute).HasConversion(new SnakeCaseEnumConverter<KeyRouteMembership>()).HasMaxLength(16);
        b.Property(x => x.DerivedFields).HasColumnType("text[]");
        b.Property(x => x.ImportBatch).HasMaxLength(64);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
    }
}
