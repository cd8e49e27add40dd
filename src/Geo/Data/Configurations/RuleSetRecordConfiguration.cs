using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class RuleSetRecordConfiguration : IEntityTypeConfiguration<RuleSetRecord>
{
    public void Configure(EntityTypeBuilder<RuleSetRecord> b)
    {
        b.ToTable("rule_set");
        b.HasKey(x => new { x.Id, x.Version });
        b.Property(x => x.Id).HasMaxLength(64);
        b.Property(x => x.Json).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.EditedBy).HasMaxLength(100).IsRequired();
    }
}
