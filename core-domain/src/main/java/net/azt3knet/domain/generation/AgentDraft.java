package net.azt3knet.domain.generation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.azt3knet.domain.population.Gender;

/** An agent made in parallel, waiting for its unique username, which is assigned in index order. */
final class AgentDraft {
    UUID id;
    long index;
    String seed;
    String name;
    String givenName;
    String familyName;
    String displayName;
    String usernameHint;
    long usernameHash;
    Gender gender;
    int age;
    LocalDate birthDate;
    String country;
    String city;
    String locale;
    String timezone;
    List<String> languages;
    String occupation;
    List<String> interests;
    String bio;
    String postingCadence;
    String tone;
    String writingStyle;
    List<String> behavioralBiases;
}
