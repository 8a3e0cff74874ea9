//! Values crossing into and out of SQL, the same for both engines: a
//! parameter is an integer, a real, text, bytes or a typed `NULL` (so
//! PostgreSQL knows a missing integer from a missing text); a column is
//! read into a Rust type by [`FromCol`], whichever engine's type it has.

use super::error::{Error, Result};

/// The SQL type a parameter is bound as: `BIGINT`, `DOUBLE PRECISION`,
/// `TEXT` or `BYTEA` (`INTEGER`, `REAL`, `TEXT`, `BLOB` on SQLite).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Int,
    Real,
    Text,
    Blob,
}

/// One parameter as bound, borrowed from the caller.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound<'a> {
    /// `NULL` of a type: an absent integer, text, ….
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl Bound<'_> {
    /// The type this value is bound as.
    pub fn kind(&self) -> Kind {
        match self {
            Self::Null(k) => *k,
            Self::Int(_) => Kind::Int,
            Self::Real(_) => Kind::Real,
            Self::Text(_) => Kind::Text,
            Self::Blob(_) => Kind::Blob,
        }
    }
}

/// A value owned, for a query whose parameters are built at run time (a
/// list's filters); rusqlite's names.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Integer(i64),
    Text(String),
}

/// What can be bound as a parameter.
pub trait ToParam {
    /// The value bound, with its type.
    fn value(&self) -> Bound<'_>;
    /// The type a `NULL` of this Rust type is bound as.
    fn kind() -> Kind
    where
        Self: Sized,
    {
        Kind::Text
    }
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn value(&self) -> Bound<'_> {
                Bound::Int(i64::from(*self))
            }
            fn kind() -> Kind {
                Kind::Int
            }
        }
    )*};
}
int_param!(i64, i32, u32, i16, u16, i8, u8);

impl ToParam for bool {
    fn value(&self) -> Bound<'_> {
        Bound::Int(i64::from(*self))
    }
    fn kind() -> Kind {
        Kind::Int
    }
}

impl ToParam for f64 {
    fn value(&self) -> Bound<'_> {
        Bound::Real(*self)
    }
    fn kind() -> Kind {
        Kind::Real
    }
}

impl ToParam for str {
    fn value(&self) -> Bound<'_> {
        Bound::Text(self)
    }
}

impl ToParam for String {
    fn value(&self) -> Bound<'_> {
        Bound::Text(self)
    }
    fn kind() -> Kind {
        Kind::Text
    }
}

impl ToParam for [u8] {
    fn value(&self) -> Bound<'_> {
        Bound::Blob(self)
    }
}

impl ToParam for Vec<u8> {
    fn value(&self) -> Bound<'_> {
        Bound::Blob(self)
    }
    fn kind() -> Kind {
        Kind::Blob
    }
}

impl ToParam for Value {
    fn value(&self) -> Bound<'_> {
        match self {
            Self::Integer(i) => Bound::Int(*i),
            Self::Text(t) => Bound::Text(t),
        }
    }
    fn kind() -> Kind {
        Kind::Text
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn value(&self) -> Bound<'_> {
        match self {
            Some(v) => v.value(),
            None => Bound::Null(T::kind()),
        }
    }
    fn kind() -> Kind {
        T::kind()
    }
}

impl<T: ToParam> ToParam for &T {
    fn value(&self) -> Bound<'_> {
        (**self).value()
    }
    fn kind() -> Kind {
        T::kind()
    }
}

impl ToParam for &str {
    fn value(&self) -> Bound<'_> {
        Bound::Text(self)
    }
    fn kind() -> Kind {
        Kind::Text
    }
}

impl ToParam for &[u8] {
    fn value(&self) -> Bound<'_> {
        Bound::Blob(self)
    }
    fn kind() -> Kind {
        Kind::Blob
    }
}

impl ToParam for &dyn ToParam {
    fn value(&self) -> Bound<'_> {
        (**self).value()
    }
    fn kind() -> Kind {
        Kind::Text
    }
}

/// A statement's parameters, in order (`?1`, `?2`, …): `()`, an array of
/// one type (`[id]`), [`params!`](crate::store::db::params)'s mixed list, or
/// [`from_iter`]'s run-time list.
pub trait Params {
    /// The values, in order.
    fn values(&self) -> Vec<Bound<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<Bound<'_>> {
        Vec::new()
    }
}

impl<T: ToParam, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Bound<'_>> {
        self.iter().map(ToParam::value).collect()
    }
}

impl<T: ToParam> Params for &[T] {
    fn values(&self) -> Vec<Bound<'_>> {
        self.iter().map(ToParam::value).collect()
    }
}

/// Parameters collected at run time.
pub struct FromIter<T>(Vec<T>);

/// The parameters `iter` yields, in order.
pub fn from_iter<T: ToParam>(iter: impl IntoIterator<Item = T>) -> FromIter<T> {
    FromIter(iter.into_iter().collect())
}

impl<T: ToParam> Params for FromIter<T> {
    fn values(&self) -> Vec<Bound<'_>> {
        self.0.iter().map(ToParam::value).collect()
    }
}

/// What a column can be read as, from either engine: integers from any
/// integer (or boolean) column, range-checked; text from text; `Option`
/// for a nullable column.
pub trait FromCol: Sized {
    /// From SQLite's column `idx`.
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self>;
    /// From PostgreSQL's column `idx`.
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self>;
}

/// PostgreSQL's integer column `idx` (`SMALLINT`, `INTEGER`, `BIGINT`,
/// `BOOLEAN`) as an `i64`; `None` for `NULL`.
fn pg_int(row: &postgres::Row, idx: usize) -> Result<Option<i64>> {
    use postgres::types::Type;
    let column = row
        .columns()
        .get(idx)
        .ok_or_else(|| Error::decode(idx, "no such column"))?;
    let ty = column.type_().clone();
    Ok(match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(idx)?,
        Type::INT4 => row.try_get::<_, Option<i32>>(idx)?.map(i64::from),
        Type::INT2 => row.try_get::<_, Option<i16>>(idx)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(idx)?.map(i64::from),
        // A `NULL` of another type (`SELECT NULL` is text) is still `NULL`.
        _ if matches!(row.try_get::<_, Option<AnyNull>>(idx), Ok(None)) => None,
        other => {
            return Err(Error::decode(
                idx,
                &format!("an integer was read from {} ({other})", column.name()),
            ));
        }
    })
}

/// Reads only a `NULL`, of any type: any other value is an error.
struct AnyNull;

impl<'a> postgres::types::FromSql<'a> for AnyNull {
    fn from_sql(
        _: &postgres::types::Type,
        _: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Err("not NULL".into())
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
}

macro_rules! int_col {
    ($($t:ty),*) => {$(
        impl FromCol for $t {
            fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
                let v: i64 = row.get(idx)?;
                <$t>::try_from(v).map_err(|_| Error::decode(idx, &format!("{v} is out of range")))
            }
            fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
                let v = pg_int(row, idx)?.ok_or_else(|| Error::decode(idx, "NULL where a number was expected"))?;
                <$t>::try_from(v).map_err(|_| Error::decode(idx, &format!("{v} is out of range")))
            }
        }
        impl FromCol for Option<$t> {
            fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
                let v: Option<i64> = row.get(idx)?;
                v.map(|v| <$t>::try_from(v).map_err(|_| Error::decode(idx, &format!("{v} is out of range"))))
                    .transpose()
            }
            fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
                pg_int(row, idx)?
                    .map(|v| <$t>::try_from(v).map_err(|_| Error::decode(idx, &format!("{v} is out of range"))))
                    .transpose()
            }
        }
    )*};
}
int_col!(i64, i32, u32, u16, u8, usize, u64);

impl FromCol for bool {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(
            pg_int(row, idx)?
                .ok_or_else(|| Error::decode(idx, "NULL where a flag was expected"))?
                != 0,
        )
    }
}

impl FromCol for Option<bool> {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(pg_int(row, idx)?.map(|v| v != 0))
    }
}

impl FromCol for f64 {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        use postgres::types::Type;
        match row.columns().get(idx).map(postgres::Column::type_) {
            Some(&Type::FLOAT4) => Ok(f64::from(row.try_get::<_, f32>(idx)?)),
            _ => Ok(row.try_get::<_, f64>(idx)?),
        }
    }
}

impl FromCol for String {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(row.try_get::<_, String>(idx)?)
    }
}

impl FromCol for Option<String> {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(row.try_get::<_, Option<String>>(idx)?)
    }
}

impl FromCol for Vec<u8> {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(row.try_get::<_, Vec<u8>>(idx)?)
    }
}

impl FromCol for Option<Vec<u8>> {
    fn from_sqlite(row: &rusqlite::Row<'_>, idx: usize) -> Result<Self> {
        Ok(row.get(idx)?)
    }
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(row.try_get::<_, Option<Vec<u8>>>(idx)?)
    }
}

impl rusqlite::ToSql for Bound<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Self::Null(_) => ValueRef::Null,
            Self::Int(i) => ValueRef::Integer(i),
            Self::Real(r) => ValueRef::Real(r),
            Self::Text(t) => ValueRef::Text(t.as_bytes()),
            Self::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Self::Integer(i) => ValueRef::Integer(*i),
            Self::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

impl postgres::types::ToSql for Bound<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::{IsNull, Type};
        match *self {
            Self::Null(_) => Ok(IsNull::Yes),
            Self::Int(i) => match *ty {
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Self::Real(r) => r.to_sql(ty, out),
            Self::Text(t) => t.to_sql(ty, out),
            Self::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl Kind {
    /// The PostgreSQL type a parameter of this kind is declared as.
    pub fn pg_type(self) -> postgres::types::Type {
        use postgres::types::Type;
        match self {
            Self::Int => Type::INT8,
            Self::Real => Type::FLOAT8,
            Self::Text => Type::TEXT,
            Self::Blob => Type::BYTEA,
        }
    }
}
