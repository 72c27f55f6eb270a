from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0002_district_wide_warnings'),
    ]

    operations = [
        migrations.AlterField(
            model_name='warning',
            name='kind',
            field=models.CharField(choices=[('certificate_expiry', '执法证件即将到期'), ('certificate_renewal_window', '执法证件换证申请期限'), ('certificate_expired', '执法证件已过期'), ('power_item_review', '权力事项待复核'), ('calendar_year_missing', '节假日安排尚未录入')], max_length=40, verbose_name='预警类型'),
        ),
    ]
