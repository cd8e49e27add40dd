using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class ConditionalBusinessConfiguration : IEntityTypeConfiguration<ConditionalBusiness>
{
    public void Configure(EntityTypeBuilder<ConditionalBusiness> b)
    {
        b.ToTable("conditional_business");
        b.Property(x => x.ExternalId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<BusinessKind>()).HasMaxLength(16);
        b.Property(x => x.ImportBatch).HasMaxLength(64);
        b.Property(x => x.Geom).HasColumnType("geometry(Point,4326)").IsRequired();
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasIndex(x => x.UnitId);
        b.HasIndex(x => x.Geom).HasMethod("gist");
    }
}
