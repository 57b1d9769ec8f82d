{{ dimension_table('klantdirectie') }}
