//! Ids of pages, and the tables they index.
//!
//! The pipeline computes what it knows of each page in stages: the content (articles, sections),
//! then each page's rendering, its last change, its verdict and what its page shows of them. Each
//! stage yields a [`Table`] with one value per page, indexed only by the id of that kind of page.
//! So an article's verdict cannot be read with a section's position, nor a judged page's with an
//! article's, unless the conversion is written out ([`JudgedId::article`]).

use std::marker::PhantomData;

/// The id of one kind of page: its place in the tables of that kind.
pub(crate) trait Id: Copy {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

/// An article's place in [`super::Content::articles`], and in everything computed per article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ArticleId(pub(crate) usize);

/// A section's place in [`super::Content::sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SectionId(pub(crate) usize);

/// A page's place among the pages `check` judges ([`super::Content::judged`]): every article,
/// in order, then the section pages with text of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct JudgedId(pub(crate) usize);

impl JudgedId {
    /// Articles come first among the judged pages, in their own order.
    pub(crate) fn article(id: ArticleId) -> JudgedId {
        JudgedId(id.0)
    }
}

macro_rules! ids {
    ($($id:ident),*) => {$(
        impl Id for $id {
            fn new(index: usize) -> Self {
                $id(index)
            }

            fn index(self) -> usize {
                self.0
            }
        }
    )*};
}
ids!(ArticleId, SectionId, JudgedId);

/// One `T` per page of the kind `I` numbers, in that order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table<I, T> {
    values: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> Table<I, T> {
    pub(crate) fn new() -> Table<I, T> {
        Table { values: Vec::new(), id: PhantomData }
    }

    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn get(&self, id: I) -> Option<&T> {
        self.values.get(id.index())
    }

    /// The id the next pushed value gets.
    pub(crate) fn next_id(&self) -> I {
        I::new(self.values.len())
    }

    pub(crate) fn push(&mut self, value: T) -> I {
        let id = self.next_id();
        self.values.push(value);
        id
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.values.iter()
    }

    /// Every value with its id.
    pub(crate) fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.values.iter().enumerate().map(|(i, value)| (I::new(i), value))
    }

    /// [`Table::enumerate`], taking the values.
    pub(crate) fn into_enumerate(self) -> impl Iterator<Item = (I, T)> {
        self.values.into_iter().enumerate().map(|(i, value)| (I::new(i), value))
    }

    pub(crate) fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.values.len()).map(I::new)
    }

    /// Each value with the value of the same page in `other`.
    pub(crate) fn zip<'a, U>(&'a self, other: &'a Table<I, U>) -> impl Iterator<Item = (&'a T, &'a U)> {
        debug_assert_eq!(self.len(), other.len());
        self.values.iter().zip(&other.values)
    }

    /// [`Table::zip`], changing the values of this table.
    pub(crate) fn zip_mut<'a, U>(&'a mut self, other: &'a Table<I, U>) -> impl Iterator<Item = (&'a mut T, &'a U)> {
        debug_assert_eq!(self.len(), other.len());
        self.values.iter_mut().zip(&other.values)
    }

    /// A table of the same pages, with `f` of each value.
    pub(crate) fn map<U>(&self, f: impl FnMut(&T) -> U) -> Table<I, U> {
        self.values.iter().map(f).collect()
    }

    /// The values in order, for code that reads them all alike (in parallel, say).
    pub(crate) fn as_slice(&self) -> &[T] {
        &self.values
    }
}

impl<I: Id, T> Default for Table<I, T> {
    fn default() -> Self {
        Table::new()
    }
}

impl<I: Id, T> std::ops::Index<I> for Table<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.values[id.index()]
    }
}

impl<I: Id, T> std::ops::IndexMut<I> for Table<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.values[id.index()]
    }
}

impl<I: Id, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(values: It) -> Self {
        Table { values: values.into_iter().collect(), id: PhantomData }
    }
}

impl<I: Id, T> From<Vec<T>> for Table<I, T> {
    fn from(values: Vec<T>) -> Self {
        Table { values, id: PhantomData }
    }
}

impl<'a, I: Id, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.iter()
    }
}

impl<'a, I: Id, T> IntoIterator for &'a mut Table<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.iter_mut()
    }
}

impl<I: Id, T> IntoIterator for Table<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_indexed_by_the_ids_it_hands_out() {
        let mut table: Table<SectionId, &str> = Table::new();
        let home = table.push("home");
        let billing = table.push("billing");
        table[billing] = "billing and refunds";
        assert_eq!((table[home], table[billing]), ("home", "billing and refunds"));
        assert_eq!(table.get(SectionId(2)), None);
        let ids: Vec<_> = table.enumerate().map(|(id, _)| id).collect();
        assert_eq!(ids, [home, billing]);
        assert_eq!(table.map(|s| s.len()).as_slice(), [4, 19]);
    }
}
