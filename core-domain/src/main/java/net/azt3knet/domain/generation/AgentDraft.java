package net.azt3knet.domain.generation;

import net.azt3knet.domain.population.Gender;

/**
 * An agent made in parallel, as indexes into the reference data and catalogues, waiting for the occurrence
 * number of its username base, which is assigned in index order. {@link AgentFactory#complete} turns it into an
 * {@code AgentProfile}; {@link DraftJson} writes its canonical JSON without building strings.
 */
final class AgentDraft {
    long index;
    long key;
    long idMsb;
    long idLsb;
    Gender gender;
    CountryTables country;
    CountryData.Names givenNames;
    CountryData.Names familyNames;
    int given;
    int family;
    int age;
    long birthDay;
    int city;
    int primaryLanguage;
    int secondLanguage = -1;
    int thirdLanguage = -1;
    /** Index into {@link Catalogs#OCCUPATION_VALUES}. */
    int occupation;
    final int[] interests = new int[3];
    int interestCount;
    int bioTemplate;
    int cadence;
    int tone;
    int writingStyle;
    int bias1;
    int bias2;
    final byte[] hint = new byte[64];
    int hintLength;
    long hintHash;
    /** 1 for the first agent with this username base, 2 for the second, …; set in index order. */
    int occurrence;
}
